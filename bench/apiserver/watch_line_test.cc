#include "bench/apiserver/watch_line.h"

#include <gtest/gtest.h>

namespace navigator::bench::loadgen {
namespace {

TEST(ScanAddedEventTest, ReadsNameAndResourceVersionOfBothServersLayouts) {
  struct Case {
    std::string_view line;
    std::string_view name;
    std::string_view resource_version;
  };
  const Case cases[] = {
      // navigator-apiserver: resourceVersion after namespace and uid.
      {R"({"type":"ADDED","object":{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
       R"("metadata":{"name":"w-1","namespace":"fanout","uid":"u","resourceVersion":"42",)"
       R"("labels":{"app":"x"}},"spec":{}}})",
       "w-1", "42"},
      // kube-apiserver: managedFields and annotations after resourceVersion.
      {R"({"type":"ADDED","object":{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
       R"("metadata":{"name":"w-2","namespace":"fanout","uid":"u","resourceVersion":"7",)"
       R"("generation":1,"managedFields":[{"manager":"m"}]}}})",
       "w-2", "7"},
  };
  for (const Case& c : cases) {
    const auto event = ScanAddedEvent(c.line);
    ASSERT_TRUE(event.has_value()) << c.line;
    EXPECT_EQ(event->name, c.name);
    EXPECT_EQ(event->resource_version, c.resource_version);
  }
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
