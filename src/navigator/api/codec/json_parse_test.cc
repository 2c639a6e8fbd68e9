#include "navigator/api/codec/json_parse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ParseJsonTest, ParsesADocumentWithSurroundingWhitespace) {
  auto r = ParseJson(" {\"a\": [1, 2]}\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->value.at("a").as_array().size(), 2u);
  EXPECT_THAT(r->duplicate_fields, IsEmpty());
}

TEST(ParseJsonTest, RejectsWhatIsNotOneJsonDocument) {
  for (const char* bad : {"", "{", "{\"a\":}", "{} {}", "nul", "{\"a\":1,}", "\"\\x\""}) {
    auto r = ParseJson(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(r.status().message(), HasSubstr("malformed JSON at offset"));
  }
}

TEST(ParseJsonTest, RejectsNumbersBeyondDoubleRange) {
  auto r = ParseJson("[1e400]");  // found by fuzzing: read as infinity otherwise
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("out of the range"));
  EXPECT_TRUE(ParseJson("[1e300, -1e-400]").ok());
}

TEST(ParseJsonTest, BoundsNesting) {
  std::string ok = std::string(50, '[') + std::string(50, ']');
  EXPECT_TRUE(ParseJson(ok).ok());
  std::string deep = std::string(101, '[') + std::string(101, ']');
  auto r = ParseJson(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "JSON nests deeper than the limit of 100 levels");
  std::string very_deep(1'000'000, '{');
  EXPECT_FALSE(ParseJson(very_deep).ok());
}

TEST(ParseJsonTest, FindsDuplicateKeysWithPaths) {
  auto r = ParseJson(R"({"a":1,"b":{"c":1,"c":2},"l":[{"x":1},{"x":1,"x":2}],"a":3})", true);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->duplicate_fields, ElementsAre(".b.c", ".l[1].x", ".a"));
  EXPECT_EQ(r->value.at("a").as_int64(), 3);
}

}  // namespace
}  // namespace navigator::api
