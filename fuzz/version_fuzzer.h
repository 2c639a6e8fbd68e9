#pragma once

// Checks shared by the two version harnesses. An input holds up to three
// versions separated by '|' (a byte neither grammar accepts); each must
// round-trip through its written form, and the versions must be ordered
// consistently: reflexive, antisymmetric, == agreeing with Compare, and, when
// asked, transitive.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"

namespace navigator::fuzz {

inline std::vector<std::string_view> SplitVersions(std::string_view text) {
  std::vector<std::string_view> parts;
  while (parts.size() < 2) {
    const std::size_t bar = text.find('|');
    if (bar == std::string_view::npos) break;
    parts.push_back(text.substr(0, bar));
    text.remove_prefix(bar + 1);
  }
  parts.push_back(text);
  return parts;
}

template <typename V>
void CheckOrder(const std::vector<V>& versions, const std::vector<std::string_view>& texts,
                bool transitive) {
  const auto describe = [&](std::size_t i, std::size_t j) {
    return Printable(texts[i]) + " vs " + Printable(texts[j]);
  };
  for (std::size_t i = 0; i < versions.size(); ++i) {
    FUZZ_CHECK(versions[i].Compare(versions[i]) == 0, describe(i, i));
    for (std::size_t j = 0; j < versions.size(); ++j) {
      const int c = versions[i].Compare(versions[j]);
      FUZZ_CHECK(c >= -1 && c <= 1, describe(i, j));
      FUZZ_CHECK(c == -versions[j].Compare(versions[i]), describe(i, j));
      FUZZ_CHECK((c == 0) == (versions[i] == versions[j]), describe(i, j));
      for (std::size_t k = 0; k < versions.size(); ++k) {
        if (transitive && c <= 0 && versions[j].Compare(versions[k]) <= 0) {
          FUZZ_CHECK(versions[i].Compare(versions[k]) <= 0,
                     "not transitive: " + describe(i, j) + " vs " + Printable(texts[k]));
        }
      }
    }
  }
}

}  // namespace navigator::fuzz
