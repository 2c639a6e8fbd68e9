#include "bench/apiserver/watch_line.h"

#include <gtest/gtest.h>

namespace navigator::bench::loadgen {
namespace {

TEST(ScanAddedEventTest, ReadsNameAndResourceVersionOfBothServersLayouts) {
  // navigator-apiserver: resourceVersion after namespace and uid.
  auto ours = ScanAddedEvent(
      R"({"type":"ADDED","object":{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
      R"("metadata":{"name":"w-1","namespace":"fanout","uid":"u","resourceVersion":"42",)"
      R"("labels":{"app":"x"}},"spec":{}}})");
  ASSERT_TRUE(ours.has_value());
  EXPECT_EQ(ours->name, "w-1");
  EXPECT_EQ(ours->resource_version, "42");
  // kube-apiserver: managedFields and annotations after resourceVersion.
  auto kube = ScanAddedEvent(
      R"({"type":"ADDED","object":{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
      R"("metadata":{"name":"w-2","namespace":"fanout","uid":"u","resourceVersion":"7",)"
      R"("generation":1,"managedFields":[{"manager":"m"}]}}})");
  ASSERT_TRUE(kube.has_value());
  EXPECT_EQ(kube->name, "w-2");
  EXPECT_EQ(kube->resource_version, "7");
}

TEST(ScanAddedEventTest, LeavesEverythingElseToTheFullParse) {
  for (
      std::string_view line : {
          R"({"type":"MODIFIED","object":{"metadata":{"name":"a","resourceVersion":"1"}}})",
          R"({"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"1"}}})",
          R"({"type":"ERROR","object":{"kind":"Status","code":410}})",
          R"({"type":"ADDED","object":{"metadata":{"namespace":"n","name":"a","resourceVersion":"1"}}})",
          R"({"type":"ADDED","object":{"metadata":{"name":"a\"b","resourceVersion":"1"}}})",
          R"({"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"1\u0030"}}})",
          R"({"type":"ADDED","object":{"metadata":{"name":"","resourceVersion":"1"}}})",
          R"({"type":"ADDED","object":{"metadata":{"name":"a"}}})",
          R"({"type":"ADDED","object":{"metadata":{"name":"a)",
          R"({"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":")",
          R"({"type": "ADDED", "object": {"metadata": {"name": "a", "resourceVersion": "1"}}})",
          "",
      }) {
    EXPECT_FALSE(ScanAddedEvent(line).has_value()) << line;
  }
}

}  // namespace
}  // namespace navigator::bench::loadgen
