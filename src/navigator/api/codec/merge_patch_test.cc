#include "navigator/api/codec/merge_patch.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace navigator::api {
namespace {

// The examples of RFC 7386, appendix A.
TEST(MergePatchTest, FollowsRfc7386) {
  struct Case {
    const char* target;
    const char* patch;
    const char* result;
  };
  const Case cases[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", "null", "null"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const auto& c : cases) {
    boost::json::value target = boost::json::parse(c.target);
    ApplyMergePatch(target, boost::json::parse(c.patch));
    EXPECT_EQ(target, boost::json::parse(c.result)) << c.target << " + " << c.patch;
  }
}

TEST(MergePatchTest, FindsStrategicDirectives) {
  EXPECT_FALSE(HasPatchDirectives(boost::json::parse(R"({"spec":{"a":[{"b":1}]}})")));
  EXPECT_TRUE(HasPatchDirectives(boost::json::parse(R"({"spec":{"$patch":"replace"}})")));
  EXPECT_TRUE(
      HasPatchDirectives(boost::json::parse(R"({"spec":{"l":[{"$patch":"delete","name":"x"}]}})")));
  EXPECT_TRUE(HasPatchDirectives(boost::json::parse(R"({"$setElementOrder/l":[]})")));
}

}  // namespace
}  // namespace navigator::api
