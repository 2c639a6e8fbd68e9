#pragma once

// metav1.MicroTime: a point in time with microsecond precision, written as
// RFC 3339 in UTC with exactly six fractional digits
// ("2026-11-26T04:00:00.123456Z", Go's "2006-01-02T15:04:05.000000Z07:00"),
// as a Lease's acquireTime and renewTime.

#include <chrono>
#include <string>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::api {

// Microseconds since the Unix epoch; covers the years 0000-9999 without
// overflow (a system_clock time_point in nanoseconds would not).
using MicroTime = std::chrono::sys_time<std::chrono::microseconds>;

// `t` truncated (towards the past) to microseconds.
MicroTime ToMicroTime(std::chrono::system_clock::time_point t);

// Writes `t` in UTC with six fractional digits. Precondition: `t` lies in the
// years 0000-9999.
std::string FormatMicroTime(MicroTime t);

// Accepts RFC 3339 with any offset and any number of fractional digits
// (those beyond the sixth are truncated), as Go's time.Parse(RFC3339) does. kBadRequest
// quoting the text (its first 64 bytes) otherwise, or when the time lies
// outside the years 0000-9999 in UTC.
Result<MicroTime> ParseMicroTime(std::string_view text);

}  // namespace navigator::api
