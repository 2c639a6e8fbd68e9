#include "navigator/api/meta/time.h"

#include <fmt/format.h>

#include <cstdio>

namespace navigator::api {
namespace {

bool ReadDigits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Result<Time> ParseRfc3339(std::string_view s) {
  using namespace std::chrono;
  auto bad = [&] {
    return BadRequest(fmt::format("\"{}\" is not an RFC 3339 time such as \"2006-01-02T15:04:05Z\"",
                                  s.substr(0, 64)));
  };
  int y, mo, d, h, mi, sec;
  if (s.size() < 20 || !ReadDigits(s, 0, 4, y) || s[4] != '-' || !ReadDigits(s, 5, 2, mo) ||
      s[7] != '-' || !ReadDigits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') ||
      !ReadDigits(s, 11, 2, h) || s[13] != ':' || !ReadDigits(s, 14, 2, mi) || s[16] != ':' ||
      !ReadDigits(s, 17, 2, sec)) {
    return bad();
  }
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos, ++digits;
    if (digits == 0) return bad();
  }
  int offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!ReadDigits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !ReadDigits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_minutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return bad();
  sys_seconds t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec) - minutes(offset_minutes);
  // Go cannot write a time outside the years 0000-9999 in RFC 3339 (nor can
  // FormatRfc3339): refuse it here rather than store what cannot be read back.
  const int utc_year = static_cast<int>(year_month_day(floor<days>(t)).year());
  if (utc_year < 0 || utc_year > 9999) {
    return BadRequest(
        fmt::format("\"{}\" is outside the years 0000-9999 once in UTC", s.substr(0, 64)));
  }
  return Time{t};
}

std::string FormatRfc3339(const Time& t) {
  // Computed on days and seconds: formatting through system_clock's
  // nanosecond time_point would overflow outside the years 1678-2262.
  using namespace std::chrono;
  const sys_days day = floor<days>(t.value);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t.value - day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

void JsonTraits<Time>::Decode(const boost::json::value& v, Time& out, DecodeContext& ctx) {
  if (v.is_null()) {
    out = Time{};
    return;
  }
  const auto* s = v.if_string();
  if (!s) {
    ctx.AddError(fmt::format("expected an RFC 3339 time string, got {}", JsonKindName(v)));
    return;
  }
  auto parsed = ParseRfc3339(std::string_view(s->data(), s->size()));
  if (!parsed.ok()) {
    ctx.AddError(parsed.status().message());
    return;
  }
  out = *parsed;
}

}  // namespace navigator::api
