#pragma once

// Kubernetes label selectors (k8s.io/apimachinery/pkg/labels): the string
// syntax of the labelSelector query parameter and metav1.LabelSelector, with
// Kubernetes' matching rules.
//
// Syntax (whitespace between tokens is ignored; requirements are ANDed):
//   k=v  k==v  k!=v  k in (a,b)  k notin (a,b)  k  !k  k>1  k<1
// Keys are qualified names ([dns-subdomain/]name), values label values; an
// empty value is allowed ("k=", "k in ()", "k in (a,)"). "" selects
// everything. Unlike Kubernetes' lexer, which stops at a NUL byte, a NUL is
// an ordinary character here (and so makes its key or value invalid).
//
// A LabelSelector is an immutable value: safe to share between threads.

#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::api {

class LabelSelector {
 public:
  enum class Operator {
    kIn,
    kNotIn,
    kEquals,        // =
    kDoubleEquals,  // ==, same meaning as =, kept for String()
    kNotEquals,
    kExists,
    kDoesNotExist,
    kGreaterThan,  // the label's value, read as a decimal int64, is greater
    kLessThan,
  };

  struct Requirement {
    std::string key;
    Operator op = Operator::kExists;
    // Sorted and unique. One value for =, ==, !=, > and <; at least one for
    // in and notin; none for exists and does-not-exist.
    std::vector<std::string> values;

    // Kubernetes' Requirement.String(): "k=v", "k in (a,b)", "!k", ...
    std::string String() const;
    bool operator==(const Requirement&) const = default;
  };

  // Longer selectors, or ones with more requirements, are refused (400).
  static constexpr std::size_t kMaxLength = 64 * 1024;
  static constexpr std::size_t kMaxRequirements = 4096;

  // Selects everything.
  LabelSelector() = default;
  // Selects nothing (what Kubernetes makes of a null metav1.LabelSelector).
  static LabelSelector Nothing();

  // Parses the string syntax, as labels.Parse. Errors are kBadRequest with
  // Kubernetes' wording, e.g. "unable to parse requirement: found '(',
  // expected: identifier".
  static Result<LabelSelector> Parse(std::string_view text);

  // Converts a metav1.LabelSelector ({"matchLabels": {...}, "matchExpressions":
  // [{"key", "operator": In|NotIn|Exists|DoesNotExist, "values"}]}) as
  // metav1.LabelSelectorAsSelector does: null selects nothing, {} everything.
  // Unknown fields are ignored. Errors are kBadRequest naming the field path
  // ("matchExpressions[0].values: Invalid value: ...").
  static Result<LabelSelector> FromLabelSelectorJson(const boost::json::value& json);

  // True when every requirement holds for `labels`. A missing label fails
  // in, =, ==, exists, > and <, and satisfies notin, != and does-not-exist.
  // > and < also fail when the label's value is not a decimal int64.
  bool Matches(const std::map<std::string, std::string>& labels) const;

  // True when the selector does not restrict anything (false for Nothing()).
  bool Empty() const { return !nothing_ && requirements_.empty(); }
  bool MatchesNothing() const { return nothing_; }

  // Requirements sorted by key (stable: equal keys keep their input order),
  // joined by ","; Parse(String()) gives an equal selector. "" for both
  // everything and Nothing().
  std::string String() const;

  const std::vector<Requirement>& requirements() const { return requirements_; }

  bool operator==(const LabelSelector&) const = default;

 private:
  explicit LabelSelector(std::vector<Requirement> requirements);

  std::vector<Requirement> requirements_;
  bool nothing_ = false;
};

}  // namespace navigator::api
