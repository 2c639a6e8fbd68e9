#pragma once

#include <boost/json/value.hpp>

namespace navigator::apiserver {

// The /version document (version.Info): Navigator's own version.
boost::json::value VersionInfo();

}  // namespace navigator::apiserver
