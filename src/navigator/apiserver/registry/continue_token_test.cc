#include "navigator/apiserver/registry/continue_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/apiserver/registry/base64url.h"

namespace navigator::registry {
namespace {

using namespace std::string_literals;

TEST(ContinueTokenTest, EncodesAsKubernetesDoes) {
  // Tokens as kube-apiserver writes them (Go's json.Marshal, RawURLEncoding).
  EXPECT_EQ(EncodeContinueToken({5, "foo\0"s}),
            "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NSwic3RhcnQiOiJmb29cdTAwMDAifQ");
  EXPECT_EQ(EncodeContinueToken({123, "ns-a/es-1\0"s}),
            "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzLCJzdGFydCI6Im5zLWEvZXMtMVx1MDAwMCJ9");
  auto decoded = DecodeContinueToken(
      "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzLCJzdGFydCI6Im5zLWEvZXMtMVx1MDAwMCJ9");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, (ContinueToken{123, "ns-a/es-1\0"s}));
}

TEST(ContinueTokenTest, RoundTrips) {
  const ContinueToken cases[] = {
      {1, "a"},           {9223372036854775807, "ns/name\0"s}, {42, "a/b/c"},
      {42, "a..b/.c/d."}, {7, "ünïcode/\"quoted\"\\"},
  };
  for (const auto& t : cases) {
    auto decoded = DecodeContinueToken(EncodeContinueToken(t));
    ASSERT_TRUE(decoded.ok()) << t.start_key << ": " << decoded.status().ToString();
    EXPECT_EQ(*decoded, t);
  }
}

TEST(ContinueTokenTest, AcceptsWhatGoAccepts) {
  // Other field order, unknown fields, whitespace.
  auto t = DecodeContinueToken(
      Base64UrlEncode(R"( {"start":"x","extra":[1],"rv":3,"v":"meta.k8s.io/v1"} )"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(*t, (ContinueToken{3, "x"}));
}

struct BadCase {
  std::string token;
  std::string message;
};

std::string Token(std::string_view json) {
  return Base64UrlEncode(json);
}

TEST(ContinueTokenTest, RejectsMalformedTokens) {
  const BadCase cases[] = {
      {"", "continue key is not valid: token is empty"},
      {std::string(8193, 'A'),
       "continue key is not valid: token is 8193 characters long; at most 8192 are allowed"},
      {"eyJ2Ijoi=", "continue key is not valid: illegal base64 data at input byte 8"},
      {"ab+c", "continue key is not valid: illegal base64 data at input byte 2"},
      {"abcde", "continue key is not valid: illegal base64 data at input byte 4"},
      {Token("{"), "continue key is not valid: malformed JSON..."},
      {Token("[]"), "continue key is not valid: not a JSON object"},
      {Token("{}"),
       "continue key is not valid: server does not recognize this encoded version \"\""},
      {Token(R"({"v":"meta.k8s.io/v2","rv":1,"start":"a"})"),
       "continue key is not valid: server does not recognize this encoded version "
       "\"meta.k8s.io/v2\""},
      {Token(R"({"v":1,"rv":1,"start":"a"})"), "continue key is not valid: \"v\" must be a string"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":"1","start":"a"})"),
       "continue key is not valid: \"rv\" must be an integer (an int64)"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":1.0,"start":"a"})"),
       "continue key is not valid: \"rv\" must be an integer (an int64)"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":9223372036854775808,"start":"a"})"),
       "continue key is not valid: \"rv\" must be an integer (an int64)"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":1,"start":2})"),
       "continue key is not valid: \"start\" must be a string"},
      {Token(R"({"v":"meta.k8s.io/v1","start":"a"})"),
       "continue key is not valid: incorrect encoded start resourceVersion (version "
       "meta.k8s.io/v1)"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":0,"start":"a"})"),
       "continue key is not valid: incorrect encoded start resourceVersion (version "
       "meta.k8s.io/v1)"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":-4,"start":"a"})"),
       "continue key is not valid: incorrect encoded start resourceVersion (version "
       "meta.k8s.io/v1)"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":1})"),
       "continue key is not valid: encoded start key empty (version meta.k8s.io/v1)"},
      {Token(R"({"v":"meta.k8s.io/v1","rv":1,"start":""})"),
       "continue key is not valid: encoded start key empty (version meta.k8s.io/v1)"},
  };
  for (const auto& c : cases) {
    auto t = DecodeContinueToken(c.token);
    ASSERT_FALSE(t.ok()) << c.token;
    EXPECT_EQ(t.status().code(), StatusCode::kBadRequest) << c.token;
    if (c.message.ends_with("...")) {
      EXPECT_THAT(t.status().message(),
                  ::testing::StartsWith(c.message.substr(0, c.message.size() - 3)));
    } else {
      EXPECT_EQ(t.status().message(), c.message) << c.token;
    }
  }
}

TEST(ContinueTokenTest, RejectsStartKeysThatLeaveThePrefix) {
  for (const char* key :
       {"..", "../x", "a/../../x", "a/..", "/a", "/", "a//b", "a/", "./a", "a/./b", "."}) {
    auto t = DecodeContinueToken(
        Token(std::string(R"({"v":"meta.k8s.io/v1","rv":9,"start":")") + key + "\"}"));
    ASSERT_FALSE(t.ok()) << key;
    EXPECT_EQ(t.status().code(), StatusCode::kBadRequest) << key;
    EXPECT_EQ(t.status().message(),
              std::string("continue key is not valid: start key \"") + key +
                  "\" must be a relative path without empty, \".\" or \"..\" segments");
  }
}

}  // namespace
}  // namespace navigator::registry
