#include "navigator/api/meta/field_selector.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "navigator/api/meta/selector_text.h"

namespace navigator::api {
namespace {

using internal::SelectorText;

// fields.splitTerms: split at commas not preceded by an escaping backslash;
// the pieces keep their backslashes.
std::vector<std::string_view> SplitTerms(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (escaped) {
      escaped = false;
    } else if (text[i] == '\\') {
      escaped = true;
    } else if (text[i] == ',') {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(text.substr(start));
  return out;
}

// fields.UnescapeValue.
Result<std::string> UnescapeValue(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\\') {
      if (i + 1 == raw.size()) {
        return BadRequest(
            "invalid field selector: invalid escape sequence: \\ (a value may not "
            "end in a lone backslash; write \\\\ for a backslash)");
      }
      const char next = raw[i + 1];
      if (next != '\\' && next != ',' && next != '=') {
        const std::size_t length =
            std::max<std::size_t>(1, internal::Utf8SequenceLength(raw.substr(i + 1)));
        return BadRequest(fmt::format(
            "invalid field selector: invalid escape sequence: \\{} (only \\\\, \\, and \\= are "
            "recognised)",
            SelectorText(raw.substr(i + 1, length))));
      }
      out += next;
      ++i;
    } else if (c == ',' || c == '=') {
      return BadRequest(fmt::format(
          "invalid field selector: unescaped character in value: '{}' (write \\{})", c, c));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string FieldSelector::EscapeValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == ',' || c == '=') out += '\\';
    out += c;
  }
  return out;
}

std::string FieldSelector::Requirement::String() const {
  return field + (op == kEquals ? "=" : "!=") + EscapeValue(value);
}

Result<FieldSelector> FieldSelector::Parse(std::string_view text) {
  if (text.size() > kMaxLength) {
    return BadRequest(fmt::format("field selector is {} bytes long; at most {} are allowed",
                                  text.size(), kMaxLength));
  }
  FieldSelector out;
  for (std::string_view term : SplitTerms(text)) {
    if (term.empty()) continue;
    if (out.requirements_.size() == kMaxRequirements) {
      return BadRequest(
          fmt::format("field selector has more than {} requirements", kMaxRequirements));
    }
    // fields.splitTerm: the first position where "!=", "==" or "=" starts.
    std::size_t at = 0;
    std::size_t op_length = 0;
    Requirement r;
    for (; at < term.size(); ++at) {
      const std::string_view rest = term.substr(at);
      if (rest.starts_with("!=")) {
        r.op = Requirement::kNotEquals, op_length = 2;
      } else if (rest.starts_with("==")) {
        r.op = Requirement::kEquals, op_length = 2;
      } else if (rest.starts_with("=")) {
        r.op = Requirement::kEquals, op_length = 1;
      } else {
        continue;
      }
      break;
    }
    if (op_length == 0) {
      return BadRequest(
          fmt::format("invalid selector: '{}'; can't understand '{}' (expected field=value, "
                      "field==value or field!=value)",
                      SelectorText(text), SelectorText(term)));
    }
    r.field = std::string(term.substr(0, at));
    NAVIGATOR_ASSIGN_OR_RETURN(r.value, UnescapeValue(term.substr(at + op_length)));
    out.requirements_.push_back(std::move(r));
  }
  // Sorting by the canonical term (Kubernetes sorts the raw terms) makes
  // String() a fixed point of Parse.
  std::vector<std::pair<std::string, Requirement>> keyed;
  keyed.reserve(out.requirements_.size());
  for (Requirement& r : out.requirements_) keyed.emplace_back(r.String(), std::move(r));
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    out.requirements_[i] = std::move(keyed[i].second);
  }
  return out;
}

std::string FieldSelector::String() const {
  std::string out;
  for (const Requirement& r : requirements_) {
    if (!out.empty()) out += ',';
    out += r.String();
  }
  return out;
}

Status FieldSelector::CheckSupported(std::span<const std::string_view> supported_fields,
                                     std::string_view kind_for_message) const {
  for (const Requirement& r : requirements_) {
    if (std::find(supported_fields.begin(), supported_fields.end(), r.field) !=
        supported_fields.end()) {
      continue;
    }
    std::string supported;
    for (std::string_view f : supported_fields) {
      supported += supported.empty() ? "" : ", ";
      supported += f;
    }
    if (supported.empty()) {
      return BadRequest(
          fmt::format("field label not supported: {} ({} supports no field selectors)",
                      SelectorText(r.field), kind_for_message));
    }
    return BadRequest(fmt::format("field label not supported: {} ({} supports: {})",
                                  SelectorText(r.field), kind_for_message, supported));
  }
  return OkStatus();
}

bool FieldSelector::Matches(
    const std::function<std::optional<std::string>(std::string_view field)>& get) const {
  for (const Requirement& r : requirements_) {
    const std::string actual = get(r.field).value_or("");
    const bool equal = actual == r.value;
    if (equal != (r.op == Requirement::kEquals)) return false;
  }
  return true;
}

std::optional<std::string> FieldSelector::ExactMatch(std::string_view field) const {
  for (const Requirement& r : requirements_) {
    if (r.op == Requirement::kEquals && r.field == field) return r.value;
  }
  return std::nullopt;
}

}  // namespace navigator::api
