#pragma once

// metav1.LabelSelector (a StatefulSet's or PodDisruptionBudget's selector),
// and its text form for ListOptions::label_selector.

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/base/result.h"
#include "navigator/kube/object_meta.h"

namespace navigator::kube {

struct LabelSelectorRequirement {
  std::string key;
  std::string operator_;  // In | NotIn | Exists | DoesNotExist
  std::vector<std::string> values;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using R = LabelSelectorRequirement;
    return std::make_tuple(Field("key", &R::key), Field("operator", &R::operator_),
                           Field("values", &R::values, kOmitEmpty));
  }
  bool operator==(const LabelSelectorRequirement&) const = default;
};

struct LabelSelector {
  std::map<std::string, std::string> match_labels;
  std::vector<LabelSelectorRequirement> match_expressions;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = LabelSelector;
    return std::make_tuple(Field("matchLabels", &S::match_labels, kOmitEmpty),
                           Field("matchExpressions", &S::match_expressions, kOmitEmpty));
  }
  bool operator==(const LabelSelector&) const = default;
};

// The selector as the labelSelector query parameter: "app=es,role in (data,master),!old"
// ("" selects everything). kBadRequest for an unknown operator, In/NotIn
// without values or Exists/DoesNotExist with some.
Result<std::string> ToSelectorString(const LabelSelector& selector);

}  // namespace navigator::kube
