#pragma once

// The classic discovery documents kubectl reads: /api, /apis,
// /apis/<group>, /apis/<group>/<version>. Built once from api/navigator/kinds.h.

#include <boost/json/value.hpp>

namespace navigator::apiserver {

boost::json::value LegacyApiVersions();         // /api
boost::json::value ApiGroupList();              // /apis
boost::json::value NavigatorApiGroup();         // /apis/navigator.jetstack.io
boost::json::value NavigatorApiResourceList();  // /apis/navigator.jetstack.io/v1alpha1

}  // namespace navigator::apiserver
