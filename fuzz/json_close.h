#pragma once

// Compares JSON values allowing doubles to differ in their last bits:
// Boost.JSON 1.81 parses numbers imprecisely (its precise mode arrived in
// 1.83), so a double written and read back can move by an ULP or two
// ("-9.7E26" reads back as -9.700000000000001E26).

#include <algorithm>
#include <boost/json/value.hpp>
#include <cmath>
#include <limits>

namespace navigator::fuzz {

inline bool JsonClose(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double();
    const double y = b.get_double();
    return x == y || std::fabs(x - y) <= 8 * std::numeric_limits<double>::epsilon() *
                                             std::max(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (const auto* arr = a.if_array()) {
    const auto& other = b.get_array();
    if (arr->size() != other.size()) return false;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (!JsonClose((*arr)[i], other[i])) return false;
    }
    return true;
  }
  if (const auto* obj = a.if_object()) {
    const auto& other = b.get_object();
    if (obj->size() != other.size()) return false;
    for (const auto& kv : *obj) {
      const auto* v = other.if_contains(kv.key());
      if (!v || !JsonClose(kv.value(), *v)) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace navigator::fuzz
