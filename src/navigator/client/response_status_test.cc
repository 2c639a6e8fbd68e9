#include "navigator/client/response_status.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::client {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kOrigin = "https://127.0.0.1:6443";

TEST(ResponseStatusTest, DecodesMetav1Status) {
  const Status status = StatusFromResponse(422, R"({
    "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
    "message": "Pilot \"p\" is invalid: spec.x: Required value",
    "reason": "Invalid", "code": 422,
    "details": {"name": "p", "group": "navigator.jetstack.io", "kind": "Pilot",
                "causes": [{"reason": "FieldValueRequired", "message": "Required value",
                            "field": "spec.x"}],
                "retryAfterSeconds": 3}})",
                                           kOrigin);
  EXPECT_EQ(status.code(), StatusCode::kInvalid);
  EXPECT_EQ(status.message(), "Pilot \"p\" is invalid: spec.x: Required value");
  EXPECT_EQ(status.details().name, "p");
  EXPECT_EQ(status.details().group, "navigator.jetstack.io");
  EXPECT_EQ(status.details().kind, "Pilot");
  ASSERT_EQ(status.details().causes.size(), 1u);
  EXPECT_EQ(
      status.details().causes[0],
      (StatusCause{.type = "FieldValueRequired", .message = "Required value", .field = "spec.x"}));
  EXPECT_EQ(status.details().retry_after_seconds, 3);
}

TEST(ResponseStatusTest, MapsCodesAndReasons) {
  auto decode = [](int http, std::string_view reason, int code) {
    return StatusFromResponse(
               http, fmt::format(R"({{"kind":"Status","reason":"{}","code":{}}})", reason, code),
               kOrigin)
        .code();
  };
  EXPECT_EQ(decode(404, "NotFound", 404), StatusCode::kNotFound);
  EXPECT_EQ(decode(409, "AlreadyExists", 409), StatusCode::kAlreadyExists);
  EXPECT_EQ(decode(409, "Conflict", 409), StatusCode::kConflict);
  EXPECT_EQ(decode(409, "", 409), StatusCode::kConflict);
  EXPECT_EQ(decode(410, "Expired", 410), StatusCode::kGone);
  EXPECT_EQ(decode(500, "InternalError", 500), StatusCode::kInternal);
  EXPECT_EQ(decode(429, "TooManyRequests", 429), StatusCode::kTooManyRequests);
  // The body's code wins over the HTTP status, unless it is no error code.
  EXPECT_EQ(decode(500, "NotFound", 404), StatusCode::kNotFound);
  EXPECT_EQ(decode(403, "Forbidden", 0), StatusCode::kForbidden);
  EXPECT_EQ(decode(403, "Forbidden", 200), StatusCode::kForbidden);

  EXPECT_EQ(StatusCodeFor(502, ""), StatusCode::kInternal);
  EXPECT_EQ(StatusCodeFor(503, ""), StatusCode::kServiceUnavailable);
  EXPECT_EQ(StatusCodeFor(504, ""), StatusCode::kTimeout);
  EXPECT_EQ(StatusCodeFor(418, ""), StatusCode::kBadRequest);
  EXPECT_EQ(StatusCodeFor(301, ""), StatusCode::kBadRequest);
}

TEST(ResponseStatusTest, NonStatusBodies) {
  Status status = StatusFromResponse(502, "<html>bad gateway</html>\n", kOrigin);
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), "https://127.0.0.1:6443 answered HTTP 502: <html>bad gateway</html>");

  status = StatusFromResponse(404, "", kOrigin);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "https://127.0.0.1:6443 answered HTTP 404");

  status = StatusFromResponse(400, R"({"kind":"Pod"})", kOrigin);
  EXPECT_EQ(status.code(), StatusCode::kBadRequest);
  EXPECT_THAT(status.message(), HasSubstr("answered HTTP 400: {\"kind\":\"Pod\"}"));

  status = StatusFromResponse(503, std::string(2000, 'x') + "\x01", kOrigin, 7);
  EXPECT_EQ(status.code(), StatusCode::kServiceUnavailable);
  EXPECT_EQ(status.details().retry_after_seconds, 7);
  EXPECT_LT(status.message().size(), 600u);
  EXPECT_THAT(status.message(), HasSubstr("..."));

  // A Status of the wrong shape still gives a usable error.
  status = StatusFromResponse(
      409, R"({"kind":"Status","code":"x","message":7,"details":{"causes":[1,{"field":2}]}})",
      kOrigin);
  EXPECT_EQ(status.code(), StatusCode::kConflict);
  EXPECT_EQ(status.message(), "https://127.0.0.1:6443 answered HTTP 409");
  EXPECT_EQ(status.details().causes.size(), 1u);
}

}  // namespace
}  // namespace navigator::client
