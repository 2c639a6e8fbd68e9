// navigator::apiserver::ServeOpenApi: Accept negotiation, If-None-Match
// matching and the ?hash= check of the OpenAPI endpoints.
//
// Input: up to four lines, "<Accept>\n<If-None-Match>\n<hash>\n<path>"; a
// missing path means the v3 group-version document.
//
// Properties: the status is 200, 301, 304, 404 or 406. A 200 carries one of
// the published documents byte for byte, its ETag (the quoted SHA-512 of the
// body), Vary and Cache-Control; repeating it with that ETag in If-None-Match
// gives 304 with no body. A 304 only answers a non-empty If-None-Match. A 301
// only answers a stale non-empty hash on the v3 group-version path and points
// at the current one. Errors are metav1.Status bodies with the same code.

#include <boost/json.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "navigator/apiserver/openapi.h"
#include "navigator/apiserver/openapi_handler.h"

namespace {

using navigator::fuzz::Printable;
namespace api = navigator::apiserver;

std::string HeaderOf(const navigator::http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  std::vector<std::string> lines(4);
  std::size_t start = 0;
  for (std::size_t i = 0; i < 4 && start <= text.size(); ++i) {
    const std::size_t end = i == 3 ? text.size() : std::min(text.find('\n', start), text.size());
    lines[i] = std::string(text.substr(start, end - start));
    start = end + 1;
  }
  const std::string gv_path = "/openapi/v3/" + api::OpenApiV3GroupVersionKey();
  navigator::http::Request request;
  request.method = "GET";
  request.path = lines[3].empty() ? gv_path : lines[3];
  request.target = request.path;
  request.headers = {{"Accept", lines[0]}, {"If-None-Match", lines[1]}};
  if (!lines[2].empty()) request.query.emplace_back("hash", lines[2]);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

  const auto r = api::ServeOpenApi(request, now);
  const std::string context = "input " + Printable(text) + " status " + std::to_string(r.status);
  switch (r.status) {
    case 200: {
      const bool known = r.body == api::OpenApiV2Document().body ||
                         r.body == api::OpenApiV3IndexDocument().body ||
                         r.body == api::OpenApiV3GroupVersionDocument().body;
      FUZZ_CHECK(known, context);
      const std::string etag = HeaderOf(r, "ETag");
      FUZZ_CHECK(etag == "\"" + api::Sha512Hex(r.body) + "\"", context);
      FUZZ_CHECK(HeaderOf(r, "Vary") == "Accept" && !HeaderOf(r, "Cache-Control").empty(), context);
      auto again = request;
      again.headers = {{"Accept", lines[0]}, {"If-None-Match", etag}};
      const auto cached = api::ServeOpenApi(again, now);
      FUZZ_CHECK(cached.status == 304 && cached.body.empty(), context);
      FUZZ_CHECK(HeaderOf(cached, "ETag") == etag, context);
      break;
    }
    case 304:
      FUZZ_CHECK(!lines[1].empty() && r.body.empty() && !HeaderOf(r, "ETag").empty(), context);
      break;
    case 301:
      FUZZ_CHECK(request.path == gv_path && !lines[2].empty() &&
                     lines[2] != api::OpenApiV3GroupVersionDocument().hash,
                 context);
      FUZZ_CHECK(
          HeaderOf(r, "Location") == gv_path + "?hash=" + api::OpenApiV3GroupVersionDocument().hash,
          context);
      break;
    case 404:
    case 406: {
      boost::system::error_code ec;
      const auto status = boost::json::parse(r.body, ec);
      FUZZ_CHECK(!ec && status.is_object(), context);
      const auto* code = status.as_object().if_contains("code");
      FUZZ_CHECK(code && code->is_int64() && code->as_int64() == r.status, context);
      break;
    }
    default:
      FUZZ_CHECK(false, context);
  }
  return 0;
}
