#include "navigator/http/request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/http/target.h"

namespace navigator::http {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

TEST(RequestTest, HeaderIsCaseInsensitiveAndReturnsTheFirst) {
  Request request;
  request.headers = {{"Content-Type", "application/json"}, {"X-Dup", "1"}, {"x-dup", "2"}};
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(request.Header("X-DUP"), "1");
  EXPECT_EQ(request.Header("Accept"), "");
  EXPECT_EQ(request.Header("Content-Typ"), "");
}

TEST(RequestTest, QueryIsCaseSensitiveAndReturnsTheFirst) {
  Request request;
  request.query = {{"watch", "true"}, {"limit", "5"}, {"watch", "false"}};
  ASSERT_NE(request.Query("watch"), nullptr);
  EXPECT_EQ(*request.Query("watch"), "true");
  EXPECT_EQ(*request.Query("limit"), "5");
  EXPECT_EQ(request.Query("Watch"), nullptr);
  EXPECT_EQ(request.Query("continue"), nullptr);
}

TEST(ChunkSinkTest, QueuesPiecesUntilClosed) {
  ChunkSink sink;
  EXPECT_FALSE(sink.closed());
  EXPECT_TRUE(sink.Write("a"));
  EXPECT_TRUE(sink.Write(""));  // ignored: an empty chunk would end the body
  EXPECT_TRUE(sink.Write("b"));
  EXPECT_THAT(sink.TakePending(), ElementsAre("a", "b"));
  EXPECT_TRUE(sink.TakePending().empty());
  sink.Close();
  EXPECT_TRUE(sink.closed());
  EXPECT_FALSE(sink.Write("c"));
  EXPECT_TRUE(sink.TakePending().empty());
}

TEST(TargetTest, DecodesPathAndQuery) {
  auto parsed = internal::ParseTarget("/a%20b/c%2Fd+e?x=1%262&y=a+b&z&&x=2&%3D=%3d");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->path, "/a b/c/d+e");
  EXPECT_THAT(parsed->query, ElementsAre(Pair("x", "1&2"), Pair("y", "a b"), Pair("z", ""),
                                         Pair("x", "2"), Pair("=", "=")));
}

TEST(TargetTest, PlainPathWithoutQuery) {
  auto parsed = internal::ParseTarget("/apis/navigator.jetstack.io/v1alpha1/pilots");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->path, "/apis/navigator.jetstack.io/v1alpha1/pilots");
  EXPECT_TRUE(parsed->query.empty());
}

TEST(TargetTest, AbsoluteAndAsteriskForms) {
  auto absolute = internal::ParseTarget("https://example.com:6443/api/v1?watch=1");
  ASSERT_TRUE(absolute.ok());
  EXPECT_EQ(absolute->path, "/api/v1");
  EXPECT_THAT(absolute->query, ElementsAre(Pair("watch", "1")));

  auto bare = internal::ParseTarget("HTTP://example.com?a=b");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->path, "/");
  EXPECT_THAT(bare->query, ElementsAre(Pair("a", "b")));

  auto asterisk = internal::ParseTarget("*");
  ASSERT_TRUE(asterisk.ok());
  EXPECT_EQ(asterisk->path, "*");
}

TEST(TargetTest, DropsTheFragment) {
  auto parsed = internal::ParseTarget("/x?a=1#frag");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->path, "/x");
  EXPECT_THAT(parsed->query, ElementsAre(Pair("a", "1")));
}

TEST(TargetTest, RejectsMalformedEscapes) {
  for (const char* target : {"/a%zz", "/a%2", "/a%", "/ok?x=%G1", "/ok?%=1", "/ok?x=1%"}) {
    auto parsed = internal::ParseTarget(target);
    ASSERT_FALSE(parsed.ok()) << target;
    EXPECT_EQ(parsed.status().code(), StatusCode::kBadRequest) << target;
    EXPECT_THAT(parsed.status().message(), HasSubstr("invalid URL escape")) << target;
  }
}

TEST(TargetTest, RejectsTargetsThatAreNotPaths) {
  for (const char* target : {"", "apis", "?x=1"}) {
    auto parsed = internal::ParseTarget(target);
    ASSERT_FALSE(parsed.ok()) << target;
    EXPECT_EQ(parsed.status().code(), StatusCode::kBadRequest);
  }
}

TEST(PercentDecodeTest, PlusIsASpaceOnlyInQueries) {
  EXPECT_EQ(*internal::PercentDecode("a+b%2B", true), "a b+");
  EXPECT_EQ(*internal::PercentDecode("a+b%2B", false), "a+b+");
  EXPECT_EQ(*internal::PercentDecode("%e2%9C%93", false), "\xe2\x9c\x93");
}

}  // namespace
}  // namespace navigator::http
