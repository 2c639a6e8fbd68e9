#include "navigator/api/validation/field_errors.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "navigator/base/go_quote.h"

namespace navigator::api {

FieldValue::FieldValue(std::string_view text) : rendered_(GoQuote(text)) {}

FieldValue FieldValue::Verbatim(std::string text) {
  return FieldValue(VerbatimTag{}, std::move(text));
}

void FieldErrorList::Add(std::string_view type, const FieldPath& path, std::string message) {
  causes_.push_back(StatusCause{std::string(type), std::move(message), path.String()});
}

namespace {

std::string WithDetail(std::string body, std::string_view detail) {
  if (!detail.empty()) {
    body += ": ";
    body += detail;
  }
  return body;
}

}  // namespace

void FieldErrorList::Required(const FieldPath& path, std::string_view detail) {
  Add(kFieldValueRequired, path, WithDetail("Required value", detail));
}

void FieldErrorList::Invalid(const FieldPath& path, const FieldValue& value,
                             std::string_view detail) {
  Add(kFieldValueInvalid, path, WithDetail("Invalid value: " + value.rendered(), detail));
}

void FieldErrorList::NotSupported(const FieldPath& path, const FieldValue& value,
                                  std::span<const std::string_view> supported_values) {
  std::string detail;
  if (!supported_values.empty()) {
    detail = "supported values: ";
    for (std::size_t i = 0; i < supported_values.size(); ++i) {
      if (i > 0) detail += ", ";
      detail += GoQuote(supported_values[i]);
    }
  }
  Add(kFieldValueNotSupported, path, WithDetail("Unsupported value: " + value.rendered(), detail));
}

void FieldErrorList::Forbidden(const FieldPath& path, std::string_view detail) {
  Add(kFieldValueForbidden, path, WithDetail("Forbidden", detail));
}

void FieldErrorList::Duplicate(const FieldPath& path, const FieldValue& value) {
  Add(kFieldValueDuplicate, path, "Duplicate value: " + value.rendered());
}

void FieldErrorList::TooLong(const FieldPath& path, std::size_t max_length) {
  Add(kFieldValueTooLong, path,
      fmt::format("Too long: must have at most {} characters", max_length));
}

void FieldErrorList::Append(const FieldErrorList& other) {
  causes_.insert(causes_.end(), other.causes_.begin(), other.causes_.end());
}

std::string FieldErrorString(const StatusCause& cause) {
  return cause.field + ": " + cause.message;
}

std::string AggregateMessage(const FieldErrorList& errors) {
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (const StatusCause& cause : errors) {
    std::string text = FieldErrorString(cause);
    if (seen.insert(text).second) unique.push_back(std::move(text));
  }
  if (unique.size() == 1) return unique.front();
  return fmt::format("[{}]", fmt::join(unique, ", "));
}

Status ToInvalidStatus(std::string_view kind, std::string_view name, const FieldErrorList& errors,
                       std::string_view group) {
  if (errors.empty()) return OkStatus();
  StatusDetails details;
  details.name = std::string(name);
  details.group = std::string(group);
  details.kind = std::string(kind);
  details.causes = errors.causes();
  return Status(
      StatusCode::kInvalid,
      fmt::format("{}.{} {} is invalid: {}", kind, group, GoQuote(name), AggregateMessage(errors)),
      std::move(details));
}

}  // namespace navigator::api
