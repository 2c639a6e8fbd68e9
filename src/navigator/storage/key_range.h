#pragma once

// Key-range helpers shared by the storage backends. Ranges follow etcd: a
// range is [key, range_end), and an empty range_end after a prefix means "no
// upper bound".

#include <string>
#include <string_view>

namespace navigator::storage {

// The smallest key greater than every key that starts with `prefix`: `prefix`
// with its last non-0xff byte incremented and everything after it dropped.
// Returns "" when no such key exists (empty prefix or all bytes 0xff).
std::string PrefixRangeEnd(std::string_view prefix);

// True when `key` lies in [begin, end); an empty `end` is unbounded.
inline bool InRange(std::string_view key, std::string_view begin, std::string_view end) {
  return key >= begin && (end.empty() || key < end);
}

}  // namespace navigator::storage
