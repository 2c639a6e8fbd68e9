#include "navigator/apiserver/registry/list_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "navigator/apiserver/registry/request_options.h"

namespace navigator::registry {
namespace {

using ::testing::HasSubstr;

Result<ListOptions> Parse(std::map<std::string, std::string, std::less<>> query) {
  return ParseListOptions([&query](std::string_view name) -> const std::string* {
    auto it = query.find(name);
    return it == query.end() ? nullptr : &it->second;
  });
}

TEST(ListOptionsTest, ParsesEveryParameter) {
  auto o = Parse({{"labelSelector", "app=es,tier in (a,b)"},
                  {"fieldSelector", "metadata.name=x"},
                  {"resourceVersion", "12"},
                  {"limit", "5"},
                  {"watch", "1"},
                  {"allowWatchBookmarks", "true"},
                  {"timeoutSeconds", "30"}});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_FALSE(o->label_selector.Empty());
  EXPECT_EQ(o->field_selector.ExactMatch("metadata.name"), "x");
  EXPECT_EQ(o->resource_version, "12");
  EXPECT_EQ(o->limit, 5);
  EXPECT_TRUE(o->watch);
  EXPECT_TRUE(o->allow_watch_bookmarks);
  EXPECT_EQ(o->timeout_seconds, 30);
  EXPECT_EQ(Parse({{"limit", "-3"}})->limit, 0);  // negative: no limit, as Kubernetes
}

TEST(ListOptionsTest, WatchListNeedsNotOlderThanAndBookmarks) {
  auto ok = Parse({{"watch", "true"},
                   {"sendInitialEvents", "true"},
                   {"allowWatchBookmarks", "true"},
                   {"resourceVersionMatch", "NotOlderThan"}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->send_initial_events, true);
  EXPECT_EQ(ok->resource_version_match, ResourceVersionMatch::kNotOlderThan);

  auto no_bookmarks = Parse(
      {{"watch", "true"}, {"sendInitialEvents", "true"}, {"resourceVersionMatch", "NotOlderThan"}});
  ASSERT_FALSE(no_bookmarks.ok());
  EXPECT_EQ(no_bookmarks.status().code(), StatusCode::kInvalid);
  EXPECT_THAT(no_bookmarks.status().message(), HasSubstr("allowWatchBookmarks"));
}

struct Malformed {
  std::map<std::string, std::string, std::less<>> query;
  StatusCode code;
  std::string message;
};

TEST(ListOptionsTest, MalformedFormsAreClearErrors) {
  const std::vector<Malformed> cases = {
      {{{"labelSelector", "a in (b"}}, StatusCode::kBadRequest, ""},
      {{{"labelSelector", "!"}}, StatusCode::kBadRequest, ""},
      {{{"fieldSelector", "a"}}, StatusCode::kBadRequest, ""},
      {{{"resourceVersion", "abc"}}, StatusCode::kBadRequest, "invalid resource version"},
      {{{"resourceVersion", "-1"}}, StatusCode::kBadRequest, "invalid resource version"},
      {{{"limit", "ten"}}, StatusCode::kBadRequest, "limit"},
      {{{"limit", "99999999999999999999"}}, StatusCode::kBadRequest, "limit"},
      {{{"watch", "yes"}}, StatusCode::kBadRequest, "watch"},
      {{{"timeoutSeconds", "-1"}}, StatusCode::kBadRequest, "timeoutSeconds"},
      {{{"timeoutSeconds", "1s"}}, StatusCode::kBadRequest, "timeoutSeconds"},
      {{{"resourceVersionMatch", "Newest"}, {"resourceVersion", "1"}},
       StatusCode::kBadRequest,
       "NotOlderThan or Exact"},
      {{{"resourceVersionMatch", "Exact"}},
       StatusCode::kInvalid,
       "forbidden unless resourceVersion is provided"},
      {{{"resourceVersionMatch", "Exact"}, {"resourceVersion", "0"}},
       StatusCode::kInvalid,
       "forbidden for resourceVersion \"0\""},
      {{{"watch", "true"}, {"resourceVersionMatch", "Exact"}, {"resourceVersion", "3"}},
       StatusCode::kInvalid,
       "unless sendInitialEvents"},
      {{{"sendInitialEvents", "true"}}, StatusCode::kInvalid, "forbidden for list"},
      {{{"continue", "x"}, {"resourceVersion", "5"}},
       StatusCode::kInvalid,
       "not allowed when using continue"},
  };
  for (const auto& c : cases) {
    auto o = Parse(c.query);
    ASSERT_FALSE(o.ok()) << c.query.begin()->first << "=" << c.query.begin()->second;
    EXPECT_EQ(o.status().code(), c.code) << o.status().ToString();
    EXPECT_THAT(o.status().message(), HasSubstr(c.message));
  }
}

TEST(ListOptionsTest, DryRunAcceptsOnlyAll) {
  EXPECT_EQ(ParseDryRun({}).value(), false);
  EXPECT_EQ(ParseDryRun({"All"}).value(), true);
  EXPECT_EQ(ParseDryRun({"All", "All"}).value(), true);
  auto bad = ParseDryRun({"All", "Some"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(bad.status().message(), HasSubstr("\"Some\""));
}

}  // namespace
}  // namespace navigator::registry
