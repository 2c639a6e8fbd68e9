#include "navigator/authn/request_header_identity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::authn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(UserFromHeadersTest, ReadsKubernetesDefaultHeaders) {
  const auto user = UserFromHeaders({{"X-Remote-User", "alice"},
                                     {"X-Remote-Group", "team-a"},
                                     {"Accept", "application/json"},
                                     {"X-Remote-Group", "system:authenticated"},
                                     {"X-Remote-Extra-Scopes", "openid"},
                                     {"X-Remote-Extra-Scopes", "profile"},
                                     {"X-Remote-Extra-Reason", "testing"}},
                                    RequestHeaderNames{});
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->name, "alice");
  EXPECT_THAT(user->uid, IsEmpty());
  EXPECT_THAT(user->groups, ElementsAre("team-a", "system:authenticated"));
  EXPECT_THAT(user->extra, UnorderedElementsAre(Pair("scopes", ElementsAre("openid", "profile")),
                                                Pair("reason", ElementsAre("testing"))));
}

TEST(UserFromHeadersTest, WithoutAUserNameThereIsNoUser) {
  EXPECT_FALSE(UserFromHeaders({}, RequestHeaderNames{}).has_value());
  EXPECT_FALSE(
      UserFromHeaders(
          {{"X-Remote-Group", "system:masters"}, {"X-Remote-Extra-A", "b"}, {"X-Remote-User", ""}},
          RequestHeaderNames{})
          .has_value());
}

TEST(UserFromHeadersTest, HeaderNamesAreCaseInsensitive) {
  const auto user = UserFromHeaders(
      {{"x-remote-user", "bob"}, {"X-REMOTE-GROUP", "g"}, {"x-Remote-extra-Key", "v"}},
      RequestHeaderNames{});
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->name, "bob");
  EXPECT_THAT(user->groups, ElementsAre("g"));
  EXPECT_THAT(user->extra, ElementsAre(Pair("key", ElementsAre("v"))));
}

TEST(UserFromHeadersTest, TheFirstListedHeaderWithAValueNamesTheUser) {
  RequestHeaderNames names;
  names.username_headers = {"X-User", "X-Remote-User"};
  names.uid_headers = {"X-Uid", "X-Remote-Uid"};
  // X-User's first value is empty, so X-Remote-User wins; only first values count.
  const auto user = UserFromHeaders({{"X-User", ""},
                                     {"X-User", "ignored"},
                                     {"X-Remote-User", "carol"},
                                     {"X-Remote-User", "dave"},
                                     {"X-Remote-Uid", "42"}},
                                    names);
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->name, "carol");
  EXPECT_EQ(user->uid, "42");
}

TEST(UserFromHeadersTest, GroupsKeepEveryNonEmptyValueUnsplit) {
  RequestHeaderNames names;
  names.group_headers = {"X-Remote-Group", "X-Other-Group"};
  const auto user = UserFromHeaders({{"X-Other-Group", "o1"},
                                     {"X-Remote-User", "u"},
                                     {"X-Remote-Group", "a, b"},
                                     {"X-Remote-Group", ""},
                                     {"X-Remote-Group", " "},
                                     {"X-Remote-Group", "c"}},
                                    names);
  ASSERT_TRUE(user.has_value());
  EXPECT_THAT(user->groups, ElementsAre("a, b", " ", "c", "o1"));
}

TEST(UserFromHeadersTest, ExtraKeysAreLowerCasedThenPercentDecoded) {
  const auto user = UserFromHeaders({{"X-Remote-User", "u"},
                                     {"X-Remote-Extra-Example.com%2fScope", "s"},
                                     {"X-Remote-Extra-Upper%41", "a"},
                                     {"X-Remote-Extra-Bad%zz", "raw"},
                                     {"X-Remote-Extra-Plus+Sign", "p"},
                                     {"X-Remote-Extra-Empty", ""}},
                                    RequestHeaderNames{});
  ASSERT_TRUE(user.has_value());
  EXPECT_THAT(
      user->extra,
      UnorderedElementsAre(Pair("example.com/scope", ElementsAre("s")),
                           Pair("upperA", ElementsAre("a")), Pair("bad%zz", ElementsAre("raw")),
                           Pair("plus+sign", ElementsAre("p")), Pair("empty", ElementsAre(""))));
}

TEST(UserFromHeadersTest, EveryPrefixContributes) {
  RequestHeaderNames names;
  names.extra_header_prefixes = {"X-Remote-Extra-", "X-Remote-"};
  const auto user = UserFromHeaders({{"X-Remote-User", "u"}, {"X-Remote-Extra-K", "v"}}, names);
  ASSERT_TRUE(user.has_value());
  EXPECT_THAT(user->extra,
              UnorderedElementsAre(Pair("k", ElementsAre("v")), Pair("extra-k", ElementsAre("v")),
                                   Pair("user", ElementsAre("u"))));
}

TEST(UnescapeExtraKeyTest, DecodesLikeGoPathUnescape) {
  EXPECT_EQ(UnescapeExtraKey(""), "");
  EXPECT_EQ(UnescapeExtraKey("plain"), "plain");
  EXPECT_EQ(UnescapeExtraKey("a%2Fb%2fc"), "a/b/c");
  EXPECT_EQ(UnescapeExtraKey("%00%ff"), std::string("\0\xff", 2));
  EXPECT_EQ(UnescapeExtraKey("a+b"), "a+b");
  EXPECT_EQ(UnescapeExtraKey("%"), "%");
  EXPECT_EQ(UnescapeExtraKey("x%4"), "x%4");
  EXPECT_EQ(UnescapeExtraKey("%41%g1"), "%41%g1");  // one bad escape keeps all
}

TEST(NormalizeRequestHeaderNamesTest, TrimsAndRejectsEmptyNames) {
  RequestHeaderNames names;
  names.username_headers = {" X-Remote-User\t"};
  auto normalized = NormalizeRequestHeaderNames(names);
  ASSERT_TRUE(normalized.ok()) << normalized.status().ToString();
  EXPECT_THAT(normalized->username_headers, ElementsAre("X-Remote-User"));
  EXPECT_EQ(normalized->group_headers, RequestHeaderNames{}.group_headers);

  names.extra_header_prefixes = {"X-Remote-Extra-", "  "};
  auto empty = NormalizeRequestHeaderNames(names);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(empty.status().message(), HasSubstr("extra header prefixes"));
}

}  // namespace
}  // namespace navigator::authn
