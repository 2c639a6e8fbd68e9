#pragma once

// Ages as kubectl shows them ("5m", "3h12m", "2d"), computed server-side for
// the Age column of Tables.

#include <chrono>
#include <optional>
#include <string>

#include "navigator/api/meta/time.h"
#include "navigator/base/clock.h"

namespace navigator::apiserver {

// k8s.io/apimachinery/pkg/util/duration.HumanDuration: about two to three
// significant figures. Seconds below 2 minutes ("90s"), minutes with seconds
// below 10 minutes ("7m5s"), minutes below 3 hours ("150m"), hours with
// minutes below 8 hours ("7h30m"), hours below 2 days ("47h"), days with hours
// below 8 days ("3d4h"), days below 2 years ("400d"), years with days below 8
// years ("3y10d"), then years. Components that are zero are left out ("4m",
// "2h", "5d", "2y"). A duration down to -1.999 s (clock skew) is "0s"; a more
// negative one is "<invalid>".
std::string HumanDuration(std::chrono::nanoseconds d);

// The Age cell of an object created at `created`: HumanDuration(now -
// created), or "<unknown>" when the creation time is not set (as kube's
// printers do).
std::string HumanAge(const std::optional<api::Time>& created, Clock::TimePoint now);

}  // namespace navigator::apiserver
