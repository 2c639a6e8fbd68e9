#pragma once

// Kubernetes field selectors (k8s.io/apimachinery/pkg/fields ParseSelector):
// the fieldSelector query parameter.
//
// Syntax: comma-separated terms `field=value`, `field==value` (the same) or
// `field!=value`, ANDed. The field is everything before the first operator,
// taken literally (no whitespace trimming, no escapes). In values `\,` `\=`
// and `\\` stand for `,` `=` and `\`; any other backslash sequence, and a
// bare `,` or `=`, is an error. Empty terms are skipped: "" and "," select
// everything. Fields are not checked by Parse; CheckSupported does that
// against the kind's list.
//
// A FieldSelector is an immutable value: safe to share between threads.

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::api {

class FieldSelector {
 public:
  struct Requirement {
    std::string field;
    enum Op { kEquals, kNotEquals } op = kEquals;
    std::string value;  // unescaped

    // The canonical term: `field=value` or `field!=value`, value escaped.
    std::string String() const;
    bool operator==(const Requirement&) const = default;
  };

  // Longer selectors, or ones with more terms, are refused (400).
  static constexpr std::size_t kMaxLength = 64 * 1024;
  static constexpr std::size_t kMaxRequirements = 4096;

  // Selects everything.
  FieldSelector() = default;

  // Errors are kBadRequest with Kubernetes' wording ("invalid selector:
  // 'a'; can't understand 'a'", "invalid field selector: invalid escape
  // sequence: \x").
  static Result<FieldSelector> Parse(std::string_view text);

  // Requirements in canonical order (sorted by their String()).
  const std::vector<Requirement>& requirements() const { return requirements_; }
  bool Empty() const { return requirements_.empty(); }

  // The canonical terms joined by ","; Parse(String()) gives an equal
  // selector.
  std::string String() const;

  // OK when every field is in `supported_fields`; otherwise kBadRequest
  // "field label not supported: <field>" (Kubernetes' text), followed by the
  // fields `kind_for_message` supports.
  Status CheckSupported(std::span<const std::string_view> supported_fields,
                        std::string_view kind_for_message) const;

  // True when every requirement holds. `get` returns a field's value, or
  // nullopt when the object has no such field; as in Kubernetes (whose
  // fields.Set.Get returns ""), a missing field counts as the empty string:
  // it matches `f=` and `f!=x` (x non-empty) and fails `f=x` and `f!=`.
  // `get` is called synchronously, at most once per requirement.
  bool Matches(const std::function<std::optional<std::string>(std::string_view field)>& get) const;

  // The value of the first `field=value` (or `==`) requirement on `field`,
  // if any: lets a caller narrow a list to one key (metadata.name=x). The
  // caller still applies Matches for the other requirements.
  std::optional<std::string> ExactMatch(std::string_view field) const;

  // fields.EscapeValue: `\` `,` `=` preceded by a backslash.
  static std::string EscapeValue(std::string_view value);

  bool operator==(const FieldSelector&) const = default;

 private:
  std::vector<Requirement> requirements_;
};

}  // namespace navigator::api
