#include "navigator/apiserver/responses.h"

#include <boost/json.hpp>

#include "navigator/api/meta/status_json.h"

namespace navigator::apiserver {

http::Response JsonResponse(int code, const boost::json::value& body) {
  return JsonResponse(code, boost::json::serialize(body));
}

http::Response JsonResponse(int code, std::string json) {
  http::Response r;
  r.status = code;
  r.content_type = "application/json";
  r.body = std::move(json);
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
