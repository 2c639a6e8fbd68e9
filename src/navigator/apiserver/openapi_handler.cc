#include "navigator/apiserver/openapi_handler.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "navigator/apiserver/media_type.h"
#include "navigator/apiserver/openapi.h"
#include "navigator/apiserver/responses.h"

namespace navigator::apiserver {
namespace {

constexpr std::string_view kPrefix = "/openapi/";
constexpr std::string_view kDefaultCacheControl = "no-cache, private";  // kube's default

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 9110 If-None-Match: "*" or a list of entity tags, compared weakly.
bool NoneMatchHits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view tag = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

// RFC 1123 date in GMT, as HTTP dates are written.
std::string HttpDate(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%a, %d %b %Y %H:%M:%S} GMT", std::chrono::floor<std::chrono::seconds>(t));
}

// Serves `doc` with its ETag, honouring If-None-Match. `immutable`: the URL
// names the document's hash.
http::Response Document(const http::Request& request, const OpenApiDocument& doc, bool immutable,
                        std::chrono::system_clock::time_point now) {
  http::Response r;
  const std::string etag = fmt::format("\"{}\"", doc.hash);
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Vary", "Accept");
  if (immutable) {
    r.headers.emplace_back("Cache-Control", "public, immutable");
    r.headers.emplace_back("Expires", HttpDate(now + std::chrono::days(365)));
  } else {
    r.headers.emplace_back("Cache-Control", std::string(kDefaultCacheControl));
  }
  if (NoneMatchHits(request.Header("If-None-Match"), etag)) {
    r.status = 304;
    return r;
  }
  r.content_type = "application/json";
  r.body = doc.body;
  return r;
}

}  // namespace

bool IsOpenApiPath(std::string_view path) {
  return path.substr(0, kPrefix.size()) == kPrefix || path == "/openapi";
}

http::Response ServeOpenApi(const http::Request& request,
                            std::chrono::system_clock::time_point now) {
  if (request.method != "GET" && request.method != "HEAD") {
    return StatusResponse(
        Status(StatusCode::kMethodNotAllowed,
               fmt::format("{} is not supported on the OpenAPI documents; use GET",
                           request.method.substr(0, 16))));
  }
  const std::string& path = request.path;
  const std::string gv_path = "/openapi/v3/" + OpenApiV3GroupVersionKey();
  const bool v2 = path == "/openapi/v2";
  const bool index = path == "/openapi/v3" || path == "/openapi/v3/";
  const bool gv = path == gv_path;
  if (!v2 && !index && !gv) {
    return StatusResponse(
        Status(StatusCode::kNotFound,
               fmt::format("the server could not find the requested resource: OpenAPI is served at "
                           "/openapi/v2, /openapi/v3 and {}",
                           gv_path)));
  }
  // JSON only, negotiated like every plain document (protobuf media types,
  // which contain '@', never match): a protobuf-only Accept is a 406.
  if (auto negotiated = NegotiatePlainOutput(request.Header("Accept")); !negotiated.ok()) {
    return StatusResponse(negotiated.status());
  }
  if (v2) return Document(request, OpenApiV2Document(), false, now);
  if (index) return Document(request, OpenApiV3IndexDocument(), false, now);

  const OpenApiDocument& doc = OpenApiV3GroupVersionDocument();
  const std::string* hash = request.Query("hash");
  if (hash == nullptr || hash->empty()) return Document(request, doc, false, now);
  if (*hash != doc.hash) {
    // An old URL: send the client to the current document, as kube does.
    const std::string location = fmt::format("{}?hash={}", gv_path, doc.hash);
    http::Response r;
    r.status = 301;
    r.content_type = "text/html; charset=utf-8";
    r.headers.emplace_back("Location", location);
    r.headers.emplace_back("Cache-Control", std::string(kDefaultCacheControl));
    r.body = fmt::format("<a href=\"{}\">Moved Permanently</a>.\n", location);
    return r;
  }
  return Document(request, doc, true, now);
}

}  // namespace navigator::apiserver
