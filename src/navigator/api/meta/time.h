#pragma once

// metav1.Time: a point in time with second precision, written as RFC 3339 in
// UTC ("2026-11-26T04:00:00Z").

#include <chrono>
#include <string>
#include <string_view>

#include "navigator/api/codec/json_codec.h"
#include "navigator/base/result.h"

namespace navigator::api {

struct Time {
  std::chrono::sys_seconds value{};

  static Time FromTimePoint(std::chrono::system_clock::time_point tp) {
    return Time{std::chrono::floor<std::chrono::seconds>(tp)};
  }
  auto operator<=>(const Time&) const = default;
};

// Accepts RFC 3339 with any offset and optional fractional seconds (dropped).
Result<Time> ParseRfc3339(std::string_view text);
std::string FormatRfc3339(const Time& t);

template <>
struct JsonTraits<Time> {
  static void Decode(const boost::json::value& v, Time& out, DecodeContext& ctx);
  static boost::json::value Encode(const Time& in) {
    return boost::json::string(FormatRfc3339(in));
  }
  static bool IsEmpty(const Time&) { return false; }
};

}  // namespace navigator::api
