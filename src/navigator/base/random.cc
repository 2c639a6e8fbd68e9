#include "navigator/base/random.h"

#include <fmt/format.h>

namespace navigator {

std::string NewUuid(Random& random) {
  uint64_t hi = random.Next();
  uint64_t lo = random.Next();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

std::string RandomNameSuffix(Random& random, int n) {
  static constexpr std::string_view kAlphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::string out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out += kAlphabet[random.Next() % kAlphabet.size()];
  return out;
}

}  // namespace navigator
