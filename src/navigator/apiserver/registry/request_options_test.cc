#include "navigator/apiserver/registry/request_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::registry {
namespace {

using ::testing::HasSubstr;

TEST(DeleteOptionsTest, EmptyBodyMeansDefaults) {
  auto o = ParseDeleteOptions("  ");
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->preconditions.uid);
  EXPECT_EQ(o->propagation_policy, "");
}

TEST(DeleteOptionsTest, ReadsPreconditionsAndPolicy) {
  auto o = ParseDeleteOptions(
      R"({"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"u","resourceVersion":"7"},)"
      R"("propagationPolicy":"Foreground","gracePeriodSeconds":0})");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->preconditions.uid, "u");
  EXPECT_EQ(o->preconditions.resource_version, "7");
  EXPECT_EQ(o->propagation_policy, "Foreground");
  EXPECT_EQ(o->grace_period_seconds, 0);
  EXPECT_EQ(ParseDeleteOptions(R"({"orphanDependents":true})")->propagation_policy, "Orphan");
}

TEST(DeleteOptionsTest, RejectsMalformedBodies) {
  for (const char* bad :
       {"{", "[]", R"({"kind":"Pod"})", R"({"preconditions":"x"})", R"({"propagationPolicy":"Up"})",
        R"({"orphanDependents":true,"propagationPolicy":"Orphan"})"}) {
    auto o = ParseDeleteOptions(bad);
    ASSERT_FALSE(o.ok()) << bad;
    EXPECT_EQ(o.status().code(), StatusCode::kBadRequest);
  }
}

TEST(ResourceVersionTest, ParsesDecimalRevisionsOnly) {
  EXPECT_EQ(*ParseResourceVersion("42"), 42);
  for (const char* bad : {"", "-1", "-0", "+1", "4x", "0x10", "99999999999999999999"}) {
    auto r = ParseResourceVersion(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_THAT(r.status().message(), HasSubstr("invalid resource version"));
  }
}

}  // namespace
}  // namespace navigator::registry
