#include "navigator/apiserver/version_info.h"

#include <boost/json.hpp>

#ifndef NAVIGATOR_VERSION
#error "NAVIGATOR_VERSION must be defined by the build"
#endif

namespace navigator::apiserver {

boost::json::value VersionInfo() {
  return boost::json::object{{"major", NAVIGATOR_VERSION_MAJOR},
                             {"minor", NAVIGATOR_VERSION_MINOR},
                             {"gitVersion", "v" NAVIGATOR_VERSION},
                             {"gitCommit", ""},
                             {"gitTreeState", ""},
                             {"buildDate", ""},
                             {"goVersion", ""},
                             {"compiler", "gcc"},
                             {"platform", "linux/amd64"}};
}

}  // namespace navigator::apiserver
