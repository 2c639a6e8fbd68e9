#include "navigator/api/meta/field_selector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <string>

namespace navigator::api {
namespace {

using Req = FieldSelector::Requirement;

struct ParseCase {
  std::string input;
  std::vector<Req> requirements;
  std::string canonical;
};

TEST(FieldSelectorTest, ParsesTermsAndEscapes) {
  const ParseCase cases[] = {
      {"", {}, ""},
      {",", {}, ""},
      {",,", {}, ""},
      {"a=b", {{"a", Req::kEquals, "b"}}, "a=b"},
      {"a==b", {{"a", Req::kEquals, "b"}}, "a=b"},
      {"a!=b", {{"a", Req::kNotEquals, "b"}}, "a!=b"},
      {"a=", {{"a", Req::kEquals, ""}}, "a="},
      {"a!=", {{"a", Req::kNotEquals, ""}}, "a!="},
      {"=b", {{"", Req::kEquals, "b"}}, "=b"},
      {"a=b,", {{"a", Req::kEquals, "b"}}, "a=b"},
      {",a=b", {{"a", Req::kEquals, "b"}}, "a=b"},
      {"metadata.name=x,metadata.namespace!=y",
       {{"metadata.name", Req::kEquals, "x"}, {"metadata.namespace", Req::kNotEquals, "y"}},
       "metadata.name=x,metadata.namespace!=y"},
      {"z=1,a=2", {{"a", Req::kEquals, "2"}, {"z", Req::kEquals, "1"}}, "a=2,z=1"},
      {R"(a=b\,c)", {{"a", Req::kEquals, "b,c"}}, R"(a=b\,c)"},
      {R"(a=b\=c)", {{"a", Req::kEquals, "b=c"}}, R"(a=b\=c)"},
      {R"(a=b\\c)", {{"a", Req::kEquals, R"(b\c)"}}, R"(a=b\\c)"},
      {R"(a=\\)", {{"a", Req::kEquals, R"(\)"}}, R"(a=\\)"},
      {R"(a=\,,b=\=)", {{"a", Req::kEquals, ","}, {"b", Req::kEquals, "="}}, R"(a=\,,b=\=)"},
      {"a=!b", {{"a", Req::kEquals, "!b"}}, "a=!b"},
      {"a!b=c", {{"a!b", Req::kEquals, "c"}}, "a!b=c"},
      {" a = b ", {{" a ", Req::kEquals, " b "}}, " a = b "},
      {R"(a\=b)", {{R"(a\)", Req::kEquals, "b"}}, R"(a\=b)"},
      {R"(a\,b=c)", {{R"(a\,b)", Req::kEquals, "c"}}, R"(a\,b=c)"},
      {"a=é", {{"a", Req::kEquals, "é"}}, "a=é"},
  };
  for (const auto& c : cases) {
    auto s = FieldSelector::Parse(c.input);
    ASSERT_TRUE(s.ok()) << c.input << ": " << s.status().ToString();
    EXPECT_EQ(s->requirements(), c.requirements) << c.input;
    EXPECT_EQ(s->String(), c.canonical) << c.input;
    EXPECT_EQ(s->Empty(), c.requirements.empty()) << c.input;
    auto again = FieldSelector::Parse(s->String());
    ASSERT_TRUE(again.ok()) << c.input;
    EXPECT_EQ(*again, *s) << c.input;
  }
}

TEST(FieldSelectorTest, CanonicalOrderIsAFixedPoint) {
  // Kubernetes sorts the raw terms ("a==x" < "a=b"); the canonical order
  // sorts the written form, so String() parses back to the same order.
  auto s = FieldSelector::Parse("a==x,a=b");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->String(), "a=b,a=x");
  EXPECT_EQ(FieldSelector::Parse(s->String())->String(), "a=b,a=x");
}

struct BadCase {
  std::string input;
  std::string message;
};

TEST(FieldSelectorTest, RejectsMalformedSelectors) {
  const BadCase cases[] = {
      {"a",
       "invalid selector: 'a'; can't understand 'a' (expected field=value, field==value or "
       "field!=value)"},
      {"a=b,c",
       "invalid selector: 'a=b,c'; can't understand 'c' (expected field=value, "
       "field==value or field!=value)"},
      {"a!b",
       "invalid selector: 'a!b'; can't understand 'a!b' (expected field=value, "
       "field==value or field!=value)"},
      {"a<b",
       "invalid selector: 'a<b'; can't understand 'a<b' (expected field=value, "
       "field==value or field!=value)"},
      {"x\x01",
       "invalid selector: 'x\\x01'; can't understand 'x\\x01' (expected field=value, "
       "field==value or field!=value)"},
      {"a=b=c", "invalid field selector: unescaped character in value: '=' (write \\=)"},
      {"a===b", "invalid field selector: unescaped character in value: '=' (write \\=)"},
      {"a!==b", "invalid field selector: unescaped character in value: '=' (write \\=)"},
      {R"(a=b\)",
       "invalid field selector: invalid escape sequence: \\ (a value may not end in a "
       "lone backslash; write \\\\ for a backslash)"},
      {R"(a=\n)",
       "invalid field selector: invalid escape sequence: \\n (only \\\\, \\, and \\= "
       "are recognised)"},
      {R"(a=\!)",
       "invalid field selector: invalid escape sequence: \\! (only \\\\, \\, and \\= "
       "are recognised)"},
      {"a=\\\xc3\xa9",
       "invalid field selector: invalid escape sequence: \\\xc3\xa9 (only \\\\, "
       "\\, and \\= are recognised)"},
      {"a=\\\xff",
       "invalid field selector: invalid escape sequence: \\\\xff (only \\\\, \\, and "
       "\\= are recognised)"},
  };
  for (const auto& c : cases) {
    auto s = FieldSelector::Parse(c.input);
    ASSERT_FALSE(s.ok()) << c.input << " parsed as " << s->String();
    EXPECT_EQ(s.status().code(), StatusCode::kBadRequest) << c.input;
    EXPECT_EQ(s.status().message(), c.message) << c.input;
  }
}

TEST(FieldSelectorTest, BoundsTheInput) {
  std::string many;
  for (int i = 0; i <= 4096; ++i) many += "a=b,";
  auto s = FieldSelector::Parse(many);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(s.status().message(), "field selector has more than 4096 requirements");
  auto long_text = FieldSelector::Parse(std::string(64 * 1024 + 1, ','));
  ASSERT_FALSE(long_text.ok());
  EXPECT_EQ(long_text.status().message(),
            "field selector is 65537 bytes long; at most 65536 are allowed");
  auto long_term = FieldSelector::Parse(std::string(10000, 'x'));
  ASSERT_FALSE(long_term.ok());
  EXPECT_LT(long_term.status().message().size(), 1000u);
}

TEST(FieldSelectorTest, ChecksSupportedFields) {
  constexpr std::array<std::string_view, 2> kFields = {"metadata.name", "metadata.namespace"};
  EXPECT_TRUE(FieldSelector::Parse("metadata.name=a,metadata.namespace!=b")
                  ->CheckSupported(kFields, "ElasticsearchCluster")
                  .ok());
  EXPECT_TRUE(FieldSelector().CheckSupported({}, "Pilot").ok());
  Status st = FieldSelector::Parse("metadata.name=a,spec.x=1")
                  ->CheckSupported(kFields, "ElasticsearchCluster");
  EXPECT_EQ(st.code(), StatusCode::kBadRequest);
  EXPECT_EQ(st.message(),
            "field label not supported: spec.x (ElasticsearchCluster supports: metadata.name, "
            "metadata.namespace)");
  st = FieldSelector::Parse("metadata.name =a")->CheckSupported(kFields, "Pilot");
  EXPECT_EQ(st.message(),
            "field label not supported: metadata.name  (Pilot supports: metadata.name, "
            "metadata.namespace)");
  st = FieldSelector::Parse("a=b")->CheckSupported({}, "Pilot");
  EXPECT_EQ(st.message(), "field label not supported: a (Pilot supports no field selectors)");
}

struct MatchCase {
  std::string selector;
  bool matches;
};

TEST(FieldSelectorTest, MatchesTreatingMissingFieldsAsEmpty) {
  const std::map<std::string, std::string, std::less<>> fields = {
      {"metadata.name", "x"}, {"metadata.namespace", ""}, {"status.phase", "Running"}};
  const auto get = [&](std::string_view f) -> std::optional<std::string> {
    auto it = fields.find(f);
    if (it == fields.end()) return std::nullopt;
    return it->second;
  };
  const MatchCase cases[] = {
      {"", true},
      {"metadata.name=x", true},
      {"metadata.name==x", true},
      {"metadata.name=y", false},
      {"metadata.name!=y", true},
      {"metadata.name!=x", false},
      {"metadata.namespace=", true},
      {"metadata.namespace!=", false},
      {"missing=", true},
      {"missing=a", false},
      {"missing!=a", true},
      {"missing!=", false},
      {"metadata.name=x,status.phase=Running", true},
      {"metadata.name=x,status.phase!=Running", false},
      {"metadata.name=x,metadata.name=y", false},
  };
  for (const auto& c : cases) {
    auto s = FieldSelector::Parse(c.selector);
    ASSERT_TRUE(s.ok()) << c.selector;
    EXPECT_EQ(s->Matches(get), c.matches) << c.selector;
  }
}

TEST(FieldSelectorTest, ExactMatch) {
  auto s = FieldSelector::Parse("metadata.namespace!=a,metadata.name==x,status.phase=R");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->ExactMatch("metadata.name"), "x");
  EXPECT_EQ(s->ExactMatch("status.phase"), "R");
  EXPECT_EQ(s->ExactMatch("metadata.namespace"), std::nullopt);
  EXPECT_EQ(s->ExactMatch("spec"), std::nullopt);
  EXPECT_EQ(FieldSelector::Parse("metadata.name=")->ExactMatch("metadata.name"), "");
  EXPECT_EQ(FieldSelector::Parse("metadata.name=b,metadata.name=a")->ExactMatch("metadata.name"),
            "a");
}

TEST(FieldSelectorTest, EscapeValue) {
  EXPECT_EQ(FieldSelector::EscapeValue(R"(a,b=c\d!e)"), R"(a\,b\=c\\d!e)");
  EXPECT_EQ(FieldSelector::EscapeValue(""), "");
}

}  // namespace
}  // namespace navigator::api
