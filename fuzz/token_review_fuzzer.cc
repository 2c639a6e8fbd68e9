// navigator::authn::ParseTokenReviewResponse, BearerToken and
// TokenReviewRequestBody: a TokenReview answer from the cluster, and the
// Authorization header value a client sends.
//
// Properties:
//  - ParseTokenReviewResponse fails only with BadRequest "TokenReview answer:
//    ...", is deterministic, and an authenticated answer always names a user;
//    an accepted answer written back as a TokenReview parses back equal;
//  - BearerToken of the input (as a header value) is a non-empty part of it
//    without spaces, and "Bearer <token> x" reads back as the same token;
//  - TokenReviewRequestBody of an ASCII input is JSON whose spec.token is it.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/authn/token_review_authenticator.h"

using navigator::fuzz::Printable;
namespace authn = navigator::authn;
namespace bj = boost::json;

namespace {

bj::array Array(const std::vector<std::string>& list) {
  bj::array array;
  for (const std::string& item : list) array.emplace_back(bj::string_view(item));
  return array;
}

std::string Written(const authn::TokenReviewResult& result) {
  bj::object extra;
  for (const auto& [key, values] : result.user.extra) extra[key] = Array(values);
  bj::object user;
  user["username"] = result.user.name;
  user["uid"] = result.user.uid;
  user["groups"] = Array(result.user.groups);
  user["extra"] = std::move(extra);
  bj::object status;
  status["authenticated"] = result.authenticated;
  status["user"] = std::move(user);
  status["audiences"] = Array(result.audiences);
  status["error"] = result.error;
  bj::object review;
  review["apiVersion"] = "authentication.k8s.io/v1";
  review["kind"] = "TokenReview";
  review["status"] = std::move(status);
  return bj::serialize(review);
}

void CheckResponse(std::string_view text) {
  const auto result = authn::ParseTokenReviewResponse(text);
  const auto again = authn::ParseTokenReviewResponse(text);
  FUZZ_CHECK(result.ok() == again.ok(), "not deterministic: " + Printable(text));
  if (!result.ok()) {
    FUZZ_CHECK(result.status().code() == navigator::StatusCode::kBadRequest,
               result.status().ToString() + " for " + Printable(text));
    FUZZ_CHECK(result.status().message().starts_with("TokenReview answer: "),
               result.status().ToString());
    return;
  }
  FUZZ_CHECK(*result == *again, "not deterministic: " + Printable(text));
  FUZZ_CHECK(!result->authenticated || !result->user.name.empty(),
             "an authenticated answer without a user: " + Printable(text));
  const std::string written = Written(*result);
  const auto reparsed = authn::ParseTokenReviewResponse(written);
  FUZZ_CHECK(reparsed.ok(), reparsed.status().ToString() + " for " + Printable(written));
  FUZZ_CHECK(*reparsed == *result, "round trip changed " + Printable(text));
}

void CheckBearer(std::string_view text) {
  const auto token = authn::BearerToken(text);
  if (!token) return;
  FUZZ_CHECK(!token->empty(), "an empty token from " + Printable(text));
  FUZZ_CHECK(token->find(' ') == std::string_view::npos,
             "a space in the token of " + Printable(text));
  FUZZ_CHECK(
      token->data() >= text.data() && token->data() + token->size() <= text.data() + text.size(),
      "the token is not part of " + Printable(text));
  // A third part keeps trimming off a token that ends in other white space.
  const std::string header = "Bearer " + std::string(*token) + " x";
  const auto again = authn::BearerToken(header);
  FUZZ_CHECK(again && *again == *token, "Bearer <token> reads differently for " + Printable(text));
}

void CheckRequestBody(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return;  // only ASCII tokens are ever sent
  }
  const std::string body = authn::TokenReviewRequestBody(text, {"aud"});
  bj::error_code ec;
  const bj::value value = bj::parse(body, ec);
  FUZZ_CHECK(!ec, "the request body for " + Printable(text) + " is not JSON: " + ec.message());
  const bj::string& token = value.at("spec").at("token").as_string();
  FUZZ_CHECK(std::string_view(token.data(), token.size()) == text,
             "spec.token differs for " + Printable(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  CheckResponse(text);
  CheckBearer(text);
  CheckRequestBody(text);
  return 0;
}
