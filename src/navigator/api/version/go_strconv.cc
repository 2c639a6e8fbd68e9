#include "navigator/api/version/go_strconv.h"

#include <limits>

#include "navigator/base/go_quote.h"

namespace navigator::api::go_strconv {

Result<int64_t> ParseInt(std::string_view text) {
  const auto error = [text](std::string_view what) {
    return BadRequest("strconv.ParseInt: parsing " + GoQuote(text) + ": " + std::string(what));
  };
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return error("invalid syntax");
  // As Go: the digits are read as a uint64 first (overflow there is reported
  // at once, before any later bad character), then range-checked for int64.
  uint64_t magnitude = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return error("invalid syntax");
    const unsigned digit = static_cast<unsigned>(c - '0');
    if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return error("value out of range");
    }
    magnitude = magnitude * 10 + digit;
  }
  // -2^63 is the one value whose magnitude exceeds the int64 maximum.
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + negative;
  if (magnitude > limit) return error("value out of range");
  return negative ? static_cast<int64_t>(~magnitude + 1) : static_cast<int64_t>(magnitude);
}

}  // namespace navigator::api::go_strconv
