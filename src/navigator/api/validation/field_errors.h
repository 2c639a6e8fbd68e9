#pragma once

// Field-level validation errors with the exact text of k8s.io/apimachinery's
// field.Error: each entry is a StatusCause whose `type` is the CauseType,
// `field` the path and `message` what field.Error.ErrorBody() returns, e.g.
//   Required value: at least one role must be specified
//   Invalid value: -1: must be greater than or equal to 0
//   Unsupported value: "foo": supported values: "data", "ingest", "master"
// ToInvalidStatus turns a list into the 422 that apiserver's NewInvalid makes.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/validation/field_path.h"
#include "navigator/base/status.h"

namespace navigator::api {

inline constexpr std::string_view kFieldValueRequired = "FieldValueRequired";
inline constexpr std::string_view kFieldValueInvalid = "FieldValueInvalid";
inline constexpr std::string_view kFieldValueNotSupported = "FieldValueNotSupported";
inline constexpr std::string_view kFieldValueForbidden = "FieldValueForbidden";
inline constexpr std::string_view kFieldValueDuplicate = "FieldValueDuplicate";
inline constexpr std::string_view kFieldValueTooLong = "FieldValueTooLong";

// A bad value as field.Error shows it: strings quoted as Go's %q, numbers and
// booleans bare, anything else pre-rendered (Go renders those as JSON).
class FieldValue {
 public:
  FieldValue(std::string_view text);  // NOLINT: implicit by design
  FieldValue(const char* text) : FieldValue(std::string_view(text)) {}         // NOLINT
  FieldValue(const std::string& text) : FieldValue(std::string_view(text)) {}  // NOLINT
  template <std::integral T>
  requires(!std::same_as<T, bool>) FieldValue(T number)
      : rendered_(std::to_string(number)) {}                       // NOLINT
  FieldValue(bool value) : rendered_(value ? "true" : "false") {}  // NOLINT

  // A value shown exactly as `text` (JSON for lists and objects, a bare
  // number that arrived where a string was expected).
  static FieldValue Verbatim(std::string text);

  const std::string& rendered() const { return rendered_; }

 private:
  struct VerbatimTag {};
  FieldValue(VerbatimTag, std::string text) : rendered_(std::move(text)) {}
  std::string rendered_;
};

class FieldErrorList {
 public:
  // "Required value[: detail]"
  void Required(const FieldPath& path, std::string_view detail = {});
  // "Invalid value: <value>[: detail]"
  void Invalid(const FieldPath& path, const FieldValue& value, std::string_view detail);
  // "Unsupported value: <value>: supported values: "a", "b""
  void NotSupported(const FieldPath& path, const FieldValue& value,
                    std::span<const std::string_view> supported_values);
  void NotSupported(const FieldPath& path, const FieldValue& value,
                    std::initializer_list<std::string_view> supported_values) {
    NotSupported(path, value, std::span(supported_values.begin(), supported_values.size()));
  }
  // "Forbidden[: detail]"
  void Forbidden(const FieldPath& path, std::string_view detail);
  // "Duplicate value: <value>"
  void Duplicate(const FieldPath& path, const FieldValue& value);
  // "Too long: must have at most <max_length> characters"
  void TooLong(const FieldPath& path, std::size_t max_length);

  void Append(const FieldErrorList& other);

  bool empty() const { return causes_.empty(); }
  std::size_t size() const { return causes_.size(); }
  const StatusCause& operator[](std::size_t i) const { return causes_[i]; }
  std::vector<StatusCause>::const_iterator begin() const { return causes_.begin(); }
  std::vector<StatusCause>::const_iterator end() const { return causes_.end(); }
  const std::vector<StatusCause>& causes() const { return causes_; }

 private:
  void Add(std::string_view type, const FieldPath& path, std::string message);
  std::vector<StatusCause> causes_;
};

// "<field>: <body>", as field.Error.Error().
std::string FieldErrorString(const StatusCause& cause);

// The errors joined as Kubernetes' ErrorList.ToAggregate() prints them: one
// error alone, several as "[e1, e2]", repeated texts once.
std::string AggregateMessage(const FieldErrorList& errors);

// The 422 Invalid status apiserver returns for `errors` on the object
// `<kind>.<group>` named `name`:
//   message `<kind>.<group> "<name>" is invalid: <AggregateMessage>`,
//   details {name, group, kind, causes = every error}.
// OK when `errors` is empty.
Status ToInvalidStatus(std::string_view kind, std::string_view name, const FieldErrorList& errors,
                       std::string_view group = "navigator.jetstack.io");

}  // namespace navigator::api
