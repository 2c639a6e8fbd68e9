#pragma once

// Building HTTP responses from API values and errors.

#include <boost/json/value.hpp>
#include <string>

#include "navigator/base/status.h"
#include "navigator/http/request.h"

namespace navigator::apiserver {

http::Response JsonResponse(int code, const boost::json::value& body);
// `json` is already serialised JSON.
http::Response JsonResponse(int code, std::string json);
// A metav1.Status body with the code and reason of `status`.
http::Response StatusResponse(const Status& status);

}  // namespace navigator::apiserver
