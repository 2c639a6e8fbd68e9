#include "navigator/base/status.h"

#include <gtest/gtest.h>

#include "navigator/base/result.h"

namespace navigator {
namespace {

TEST(StatusTest, MapsEveryCodeOntoKubernetesReasonsAndHttpCodes) {
  struct Case {
    StatusCode code;
    int http;
    std::string_view reason;
  };
  const Case cases[] = {
      {StatusCode::kBadRequest, 400, "BadRequest"},
      {StatusCode::kUnauthorized, 401, "Unauthorized"},
      {StatusCode::kForbidden, 403, "Forbidden"},
      {StatusCode::kNotFound, 404, "NotFound"},
      {StatusCode::kMethodNotAllowed, 405, "MethodNotAllowed"},
      {StatusCode::kNotAcceptable, 406, "NotAcceptable"},
      {StatusCode::kAlreadyExists, 409, "AlreadyExists"},
      {StatusCode::kConflict, 409, "Conflict"},
      {StatusCode::kGone, 410, "Expired"},
      {StatusCode::kRequestEntityTooLarge, 413, "RequestEntityTooLarge"},
      {StatusCode::kUnsupportedMediaType, 415, "UnsupportedMediaType"},
      {StatusCode::kInvalid, 422, "Invalid"},
      {StatusCode::kTooManyRequests, 429, "TooManyRequests"},
      {StatusCode::kInternal, 500, "InternalError"},
      {StatusCode::kServiceUnavailable, 503, "ServiceUnavailable"},
      {StatusCode::kTimeout, 504, "Timeout"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(HttpStatus(c.code), c.http) << c.reason;
    EXPECT_EQ(Reason(c.code), c.reason);
  }
}

Result<int> Half(int x) {
  if (x % 2 != 0) return BadRequest("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  NAVIGATOR_ASSIGN_OR_RETURN(int half, Half(x));
  return Half(half);
}

TEST(ResultTest, PropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(r.status().ToString(), "BadRequest: odd");
}

}  // namespace
}  // namespace navigator
