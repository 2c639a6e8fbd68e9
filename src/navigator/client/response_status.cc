#include "navigator/client/response_status.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <string>

namespace navigator::client {
namespace {

namespace json = boost::json;

std::string StringField(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->as_string());
}

int IntField(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return 0;
  if (value->is_int64() && value->as_int64() >= 0 && value->as_int64() <= 1'000'000'000) {
    return static_cast<int>(value->as_int64());
  }
  if (value->is_uint64() && value->as_uint64() <= 1'000'000'000) {
    return static_cast<int>(value->as_uint64());
  }
  return 0;
}

// The body's printable first bytes.
std::string Snippet(std::string_view body) {
  constexpr std::size_t kMax = 512;
  std::string out;
  for (std::size_t i = 0; i < body.size() && i < kMax; ++i) {
    const unsigned char c = static_cast<unsigned char>(body[i]);
    out += (c >= 0x20 && c != 0x7f) || c == '\t' ? static_cast<char>(c) : ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (body.size() > kMax) out += "...";
  return out;
}

}  // namespace

StatusCode StatusCodeFor(int http_status, std::string_view reason) {
  switch (http_status) {
    case 400:
      return StatusCode::kBadRequest;
    case 401:
      return StatusCode::kUnauthorized;
    case 403:
      return StatusCode::kForbidden;
    case 404:
      return StatusCode::kNotFound;
    case 405:
      return StatusCode::kMethodNotAllowed;
    case 406:
      return StatusCode::kNotAcceptable;
    case 409:
      return reason == "AlreadyExists" ? StatusCode::kAlreadyExists : StatusCode::kConflict;
    case 410:
      return StatusCode::kGone;
    case 413:
      return StatusCode::kRequestEntityTooLarge;
    case 415:
      return StatusCode::kUnsupportedMediaType;
    case 422:
      return StatusCode::kInvalid;
    case 429:
      return StatusCode::kTooManyRequests;
    case 500:
      return StatusCode::kInternal;
    case 503:
      return StatusCode::kServiceUnavailable;
    case 504:
      return StatusCode::kTimeout;
    default:
      break;
  }
  return http_status >= 500 && http_status <= 599 ? StatusCode::kInternal : StatusCode::kBadRequest;
}

Status StatusFromResponse(int http_status, std::string_view body, std::string_view origin,
                          int retry_after) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  const json::value parsed = json::parse(body, ec, {}, options);
  if (!ec && parsed.is_object() && StringField(parsed.as_object(), "kind") == "Status") {
    const json::object& object = parsed.as_object();
    const int code = IntField(object, "code");
    const std::string reason = StringField(object, "reason");
    std::string message = StringField(object, "message");
    if (message.empty()) {
      message = fmt::format("{} answered HTTP {}{}{}", origin, http_status,
                            reason.empty() ? "" : " ", reason);
    }
    StatusDetails details;
    if (const json::value* d = object.if_contains("details"); d != nullptr && d->is_object()) {
      const json::object& dobj = d->as_object();
      details.name = StringField(dobj, "name");
      details.group = StringField(dobj, "group");
      details.kind = StringField(dobj, "kind");
      details.retry_after_seconds = IntField(dobj, "retryAfterSeconds");
      if (const json::value* causes = dobj.if_contains("causes");
          causes != nullptr && causes->is_array()) {
        for (const json::value& cause : causes->as_array()) {
          if (!cause.is_object()) continue;
          details.causes.push_back(StatusCause{.type = StringField(cause.as_object(), "reason"),
                                               .message = StringField(cause.as_object(), "message"),
                                               .field = StringField(cause.as_object(), "field")});
        }
      }
    }
    if (details.retry_after_seconds == 0) details.retry_after_seconds = retry_after;
    const int effective = code >= 300 && code <= 599 ? code : http_status;
    return Status(StatusCodeFor(effective, reason), std::move(message), std::move(details));
  }
  std::string snippet = Snippet(body);
  std::string message = fmt::format("{} answered HTTP {}{}{}", origin, http_status,
                                    snippet.empty() ? "" : ": ", snippet);
  StatusDetails details;
  details.retry_after_seconds = retry_after;
  return Status(StatusCodeFor(http_status, ""), std::move(message), std::move(details));
}

}  // namespace navigator::client
