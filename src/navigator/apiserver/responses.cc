#include "navigator/apiserver/responses.h"

#include <boost/json.hpp>

#include "navigator/api/meta/status_json.h"

namespace navigator::apiserver {

http::Response JsonResponse(int code, const boost::json::value& body) {
  http::Response r;
  r.status = code;
  r.content_type = "application/json";
  r.body = boost::json::serialize(body);
  r.body += '\n';
  return r;
}

http::Response StatusResponse(const Status& status) {
  http::Response r = JsonResponse(HttpStatus(status.code()), api::StatusToJson(status));
  if (status.details().retry_after_seconds > 0) {
    r.headers.emplace_back("Retry-After", std::to_string(status.details().retry_after_seconds));
  }
  return r;
}

}  // namespace navigator::apiserver
