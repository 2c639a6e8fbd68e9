#include "navigator/api/meta/micro_time.h"

#include <fmt/format.h>

#include "navigator/api/meta/time.h"

namespace navigator::api {

MicroTime ToMicroTime(std::chrono::system_clock::time_point t) {
  return std::chrono::floor<std::chrono::microseconds>(t);
}

std::string FormatMicroTime(MicroTime t) {
  using namespace std::chrono;
  const sys_seconds whole = floor<seconds>(t);
  const auto micros = (t - whole).count();
  std::string text = api::FormatRfc3339(api::Time{whole});  // "...:05Z"
  text.pop_back();
  return fmt::format("{}.{:06}Z", text, micros);
}

Result<MicroTime> ParseMicroTime(std::string_view text) {
  // api::ParseRfc3339 checks the whole form (fraction included) and the
  // range; only the fraction's value is read here. Its digits, when present,
  // start right after the seconds at offset 19 ("2006-01-02T15:04:05.").
  Result<api::Time> whole = api::ParseRfc3339(text);
  if (!whole.ok()) return whole.status();
  std::size_t pos = 19;
  if (pos >= text.size() || text[pos] != '.') return MicroTime(whole->value);
  ++pos;
  int digits = 0;
  long long micros = 0;
  for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
    if (digits < 6) micros = micros * 10 + (text[pos] - '0');
  }
  for (int i = digits; i < 6; ++i) micros *= 10;
  return MicroTime(whole->value) + std::chrono::microseconds(micros);
}

}  // namespace navigator::api
