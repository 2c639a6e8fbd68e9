#include "navigator/client/watch_event.h"

#include <gtest/gtest.h>

namespace navigator::client {
namespace {

TEST(ParseWatchEventTest, Types) {
  Result<WatchEvent> added = ParseWatchEvent(
      R"({"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}})");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->type, WatchEventType::kAdded);
  EXPECT_EQ(added->object.at("metadata").at("name").as_string(), "a");

  Result<WatchEvent> bookmark = ParseWatchEvent(
      R"({"type":"BOOKMARK","object":{"kind":"Namespace","metadata":{"resourceVersion":"9"}}})");
  ASSERT_TRUE(bookmark.ok()) << bookmark.status().ToString();
  EXPECT_EQ(bookmark->type, WatchEventType::kBookmark);

  for (const char* type : {"MODIFIED", "DELETED"}) {
    std::string line = std::string(R"({"type":")") + type +
                       R"(","object":{"metadata":{"name":"a","resourceVersion":"5"}}})";
    EXPECT_TRUE(ParseWatchEvent(line).ok()) << line;
  }
}

TEST(ParseWatchEventTest, ErrorEventCarriesItsStatus) {
  Result<WatchEvent> gone = ParseWatchEvent(
      R"j({"type":"ERROR","object":{"kind":"Status","status":"Failure",)j"
      R"j("message":"too old resource version: 1 (5)","reason":"Expired","code":410}})j");
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->type, WatchEventType::kError);
  EXPECT_EQ(gone->error.code(), StatusCode::kGone);
  EXPECT_EQ(gone->error.message(), "too old resource version: 1 (5)");

  Result<WatchEvent> odd = ParseWatchEvent(R"({"type":"ERROR","object":{"code":200}})");
  ASSERT_TRUE(odd.ok());
  EXPECT_FALSE(odd->error.ok());
  Result<WatchEvent> no_code = ParseWatchEvent(R"({"type":"ERROR","object":{}})");
  ASSERT_TRUE(no_code.ok());
  EXPECT_EQ(no_code->error.code(), StatusCode::kInternal);
}

TEST(ParseWatchEventTest, MalformedLinesAreBadRequest) {
  for (
      const char* line : {
          "",
          "not json",
          "{",
          "[]",
          "42",
          R"({"object":{}})",
          R"({"type":5,"object":{}})",
          R"({"type":"SYNC","object":{"metadata":{"name":"a","resourceVersion":"1"}}})",
          R"({"type":"ADDED"})",
          R"({"type":"ADDED","object":"x"})",
          R"({"type":"ADDED","object":{}})",
          R"({"type":"ADDED","object":{"metadata":{"name":"a"}}})",
          R"({"type":"ADDED","object":{"metadata":{"resourceVersion":"1"}}})",
          R"({"type":"DELETED","object":{"metadata":{"name":"","resourceVersion":"1"}}})",
          R"({"type":"BOOKMARK","object":{"metadata":{"resourceVersion":1}}})",
          R"({"type":"ADDED","object":{"metadata":{"name":"a","namespace":7,"resourceVersion":"1"}}})",
      }) {
    Result<WatchEvent> event = ParseWatchEvent(line);
    ASSERT_FALSE(event.ok()) << line;
    EXPECT_EQ(event.status().code(), StatusCode::kBadRequest) << line;
    EXPECT_FALSE(event.status().message().empty());
  }
}

TEST(ParseListPageTest, ItemsGetKindAndApiVersion) {
  Result<ListPage> page = ParseListPage(
      R"({"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"7",)"
      R"("continue":"tok"},"items":[{"metadata":{"name":"a"}},)"
      R"({"kind":"Other","apiVersion":"x/v1","metadata":{"name":"b"}}]})");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->resource_version, "7");
  EXPECT_EQ(page->continue_token, "tok");
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].at("kind").as_string(), "Namespace");
  EXPECT_EQ(page->items[0].at("apiVersion").as_string(), "v1");
  EXPECT_EQ(page->items[1].at("kind").as_string(), "Other");

  Result<ListPage> empty = ParseListPage(R"({"metadata":{"resourceVersion":"1"},"items":null})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->items.empty());
  EXPECT_TRUE(empty->continue_token.empty());
}

TEST(ParseListPageTest, MalformedBodiesAreBadRequest) {
  for (const char* body : {
           "",
           "<html>",
           "[]",
           R"({"items":[]})",
           R"({"metadata":{"resourceVersion":""},"items":[]})",
           R"({"metadata":{"resourceVersion":3},"items":[]})",
           R"({"metadata":{"resourceVersion":"3"},"items":{}})",
           R"({"metadata":{"resourceVersion":"3"},"items":[1]})",
       }) {
    Result<ListPage> page = ParseListPage(body);
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.status().code(), StatusCode::kBadRequest) << body;
  }
}

}  // namespace
}  // namespace navigator::client
