#include "navigator/kube/label_selector.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace navigator::kube {

Result<std::string> ToSelectorString(const LabelSelector& selector) {
  std::vector<std::string> terms;
  for (const auto& [key, value] : selector.match_labels) terms.push_back(key + "=" + value);
  for (std::size_t i = 0; i < selector.match_expressions.size(); ++i) {
    const LabelSelectorRequirement& r = selector.match_expressions[i];
    const std::string field = fmt::format("matchExpressions[{}]", i);
    if (r.operator_ == "In" || r.operator_ == "NotIn") {
      if (r.values.empty()) {
        return BadRequest(
            fmt::format("{}.values: {} needs at least one value", field, r.operator_));
      }
      terms.push_back(fmt::format("{} {} ({})", r.key, r.operator_ == "In" ? "in" : "notin",
                                  fmt::join(r.values, ",")));
    } else if (r.operator_ == "Exists" || r.operator_ == "DoesNotExist") {
      if (!r.values.empty()) {
        return BadRequest(fmt::format("{}.values: {} takes no values", field, r.operator_));
      }
      terms.push_back((r.operator_ == "Exists" ? "" : "!") + r.key);
    } else {
      return BadRequest(fmt::format(
          "{}.operator: \"{}\" is not one of In, NotIn, Exists, DoesNotExist", field, r.operator_));
    }
  }
  return fmt::format("{}", fmt::join(terms, ","));
}

}  // namespace navigator::kube
