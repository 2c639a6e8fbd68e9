#pragma once

// Renders a Status as the metav1.Status object Kubernetes clients expect.

#include <boost/json/value.hpp>

#include "navigator/base/status.h"

namespace navigator::api {

// {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
//  "message":...,"reason":...,"details":{...},"code":...}; "Success" for OK.
boost::json::value StatusToJson(const Status& status);

}  // namespace navigator::api
