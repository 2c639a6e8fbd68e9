#include "navigator/api/meta/label_selector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace navigator::api {
namespace {

using ::testing::HasSubstr;
using Op = LabelSelector::Operator;
using Labels = std::map<std::string, std::string>;

struct ParseCase {
  std::string input;
  std::string canonical;  // String() of the result
};

TEST(LabelSelectorTest, ParsesEveryOperatorToCanonicalForm) {
  const ParseCase cases[] = {
      {"", ""},
      {"   ", ""},
      {"x=a", "x=a"},
      {"x==a", "x==a"},
      {"x!=a", "x!=a"},
      {"x", "x"},
      {"!x", "!x"},
      {"x in (b,a)", "x in (a,b)"},
      {"x notin (b,a,b)", "x notin (a,b)"},
      {"x>1", "x>1"},
      {"x<10", "x<10"},
      {"x>01", "x>01"},
      {" x = a , y ", "x=a,y"},
      {"\tx\n!=\ra", "x!=a"},
      {"x in(a)", "x in (a)"},
      {"x notin(a)", "x notin (a)"},
      {"!  x", "!x"},
      {"x=", "x="},
      {"x==", "x=="},
      {"x!=,y", "x!=,y"},
      {"x in ()", "x in ()"},
      {"x in (a,)", "x in (,a)"},
      {"x in (,a)", "x in (,a)"},
      {"x in (a,,b)", "x in (,a,b)"},
      {"x in (,)", "x in ()"},
      {"z,y=b,x in (a)", "x in (a),y=b,z"},
      {"b=1,a=2,b!=3", "a=2,b=1,b!=3"},  // stable by key
      {"example.com/app=web", "example.com/app=web"},
      {"in=in", "in=in"},
      {"notin in (in,notin)", "notin in (in,notin)"},
      {"in", "in"},
      {"!in", "!in"},
      {"A_b.c-d=E_f.g-h", "A_b.c-d=E_f.g-h"},
  };
  for (const auto& c : cases) {
    auto s = LabelSelector::Parse(c.input);
    ASSERT_TRUE(s.ok()) << c.input << ": " << s.status().ToString();
    EXPECT_EQ(s->String(), c.canonical) << c.input;
    auto again = LabelSelector::Parse(s->String());
    ASSERT_TRUE(again.ok()) << c.input;
    EXPECT_EQ(*again, *s) << c.input;
  }
}

TEST(LabelSelectorTest, ReadsOperatorsAndValues) {
  auto s = LabelSelector::Parse("a in (x,,y),!b,c,d!=,e>5,f notin (),g==h,i<2");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const auto& r = s->requirements();
  ASSERT_EQ(r.size(), 8u);
  EXPECT_EQ(r[0], (LabelSelector::Requirement{"a", Op::kIn, {"", "x", "y"}}));
  EXPECT_EQ(r[1], (LabelSelector::Requirement{"b", Op::kDoesNotExist, {}}));
  EXPECT_EQ(r[2], (LabelSelector::Requirement{"c", Op::kExists, {}}));
  EXPECT_EQ(r[3], (LabelSelector::Requirement{"d", Op::kNotEquals, {""}}));
  EXPECT_EQ(r[4], (LabelSelector::Requirement{"e", Op::kGreaterThan, {"5"}}));
  EXPECT_EQ(r[5], (LabelSelector::Requirement{"f", Op::kNotIn, {""}}));
  EXPECT_EQ(r[6], (LabelSelector::Requirement{"g", Op::kDoubleEquals, {"h"}}));
  EXPECT_EQ(r[7], (LabelSelector::Requirement{"i", Op::kLessThan, {"2"}}));
  EXPECT_FALSE(s->Empty());
  EXPECT_TRUE(LabelSelector::Parse("")->Empty());
  EXPECT_TRUE(LabelSelector().Empty());
}

struct MatchCase {
  std::string selector;
  Labels labels;
  bool matches;
};

TEST(LabelSelectorTest, MatchesAsKubernetes) {
  const MatchCase cases[] = {
      {"", {}, true},
      {"", {{"a", "b"}}, true},
      {"a=b", {{"a", "b"}}, true},
      {"a=b", {{"a", "c"}}, false},
      {"a=b", {}, false},
      {"a==b", {{"a", "b"}, {"c", "d"}}, true},
      {"a=", {{"a", ""}}, true},
      {"a=", {}, false},
      {"a!=b", {{"a", "c"}}, true},
      {"a!=b", {{"a", "b"}}, false},
      {"a!=b", {}, true},
      {"a in (b,c)", {{"a", "c"}}, true},
      {"a in (b,c)", {{"a", "d"}}, false},
      {"a in (b,c)", {}, false},
      {"a in (b,)", {{"a", ""}}, true},
      {"a notin (b,c)", {{"a", "d"}}, true},
      {"a notin (b,c)", {{"a", "b"}}, false},
      {"a notin (b,c)", {}, true},
      {"a", {{"a", ""}}, true},
      {"a", {}, false},
      {"!a", {}, true},
      {"!a", {{"a", "x"}}, false},
      {"a>5", {{"a", "6"}}, true},
      {"a>5", {{"a", "5"}}, false},
      {"a>5", {{"a", "x"}}, false},
      {"a>5", {}, false},
      {"a<5", {{"a", "4"}}, true},
      {"a<5", {{"a", "-7"}}, true},
      {"a<5", {{"a", "+4"}}, true},
      {"a<5", {{"a", "5"}}, false},
      {"a<5", {{"a", "99999999999999999999"}}, false},
      {"a>0", {{"a", "9223372036854775807"}}, true},
      {"a=b,c=d", {{"a", "b"}, {"c", "d"}}, true},
      {"a=b,c=d", {{"a", "b"}, {"c", "e"}}, false},
      {"a=b,!c", {{"a", "b"}}, true},
  };
  for (const auto& c : cases) {
    auto s = LabelSelector::Parse(c.selector);
    ASSERT_TRUE(s.ok()) << c.selector << ": " << s.status().ToString();
    EXPECT_EQ(s->Matches(c.labels), c.matches) << c.selector;
  }
  EXPECT_FALSE(LabelSelector::Nothing().Matches({}));
  EXPECT_FALSE(LabelSelector::Nothing().Empty());
  EXPECT_EQ(LabelSelector::Nothing().String(), "");
}

struct BadCase {
  std::string input;
  std::string message;  // the exact message, or a prefix when it ends in "..."
};

void ExpectBadRequest(const Result<LabelSelector>& s, const BadCase& c) {
  ASSERT_FALSE(s.ok()) << c.input << " parsed as " << s->String();
  EXPECT_EQ(s.status().code(), StatusCode::kBadRequest) << c.input;
  if (c.message.ends_with("...")) {
    EXPECT_THAT(s.status().message(),
                ::testing::StartsWith(c.message.substr(0, c.message.size() - 3)))
        << c.input;
  } else {
    EXPECT_EQ(s.status().message(), c.message) << c.input;
  }
}

TEST(LabelSelectorTest, RejectsMalformedSelectors) {
  const BadCase cases[] = {
      {"(", "found '(', expected: !, identifier, or 'end of string'"},
      {",", "found ',', expected: !, identifier, or 'end of string'"},
      {"=a", "found '=', expected: !, identifier, or 'end of string'"},
      {"x=a,", "found '', expected: identifier after ','"},
      {"x=a,,y", "found ',', expected: identifier after ','"},
      {"x=a y", "found 'y', expected: ',' or 'end of string'"},
      {"x=a=b", "found '=', expected: ',' or 'end of string'"},
      {"!x=a", "found '=', expected: ',' or 'end of string'"},
      {"x in (a) b", "found 'b', expected: ',' or 'end of string'"},
      {"!", "unable to parse requirement: found '', expected: identifier"},
      {"!!x", "unable to parse requirement: found '!', expected: identifier"},
      {"!(", "unable to parse requirement: found '(', expected: identifier"},
      {"x (a)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, >, <"},
      {"x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, >, <"},
      {"x IN (a)", "unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, >, <"},
      {"x >= 1", "unable to parse requirement: found '=', expected: identifier"},
      {"x =(a)", "unable to parse requirement: found '(', expected: identifier"},
      {"x in a", "unable to parse requirement: found 'a', expected: '('"},
      {"x in", "unable to parse requirement: found '', expected: '('"},
      {"x in (", "unable to parse requirement: found '', expected: ',', ')' or identifier"},
      {"x in (a", "unable to parse requirement: found '', expected: ',' or ')'"},
      {"x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"},
      {"x in (a,=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"},
      {"x in ((a))", "unable to parse requirement: found '(', expected: ',', ')' or identifier"},
      {"x notin a", "unable to parse requirement: found 'a', expected: '('"},
      {"a b=c", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, >, <"},
      {"a:b=c", "unable to parse requirement: key: Invalid value: \"a:b\": name part must ..."},
      {"-a", "unable to parse requirement: key: Invalid value: \"-a\": name part must ..."},
      {"a/",
       "unable to parse requirement: key: Invalid value: \"a/\": name part must be "
       "non-empty; name part must ..."},
      {"/a",
       "unable to parse requirement: key: Invalid value: \"/a\": prefix part must be "
       "non-empty"},
      {"A.com/a",
       "unable to parse requirement: key: Invalid value: \"A.com/a\": prefix part a "
       "DNS-1123 subdomain must ..."},
      {"a/b/c", "unable to parse requirement: key: Invalid value: \"a/b/c\": a qualified name ..."},
      {std::string(64, 'k'), "unable to parse requirement: key: Invalid value: \"" +
                                 std::string(64, 'k') +
                                 "\": name part must be no more than 63 characters"},
      {"x\x01", "unable to parse requirement: key: Invalid value: \"x\\x01\": name part must ..."},
      {"x=a b", "found 'b', expected: ',' or 'end of string'"},
      {"x=-a",
       "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label "
       "must be an empty string or ..."},
      {"x=" + std::string(64, 'v'), "unable to parse requirement: values[0][x]: Invalid value: \"" +
                                        std::string(64, 'v') +
                                        "\": must be no more than 63 characters"},
      {"x in (ok,a/b)",
       "unable to parse requirement: values[0][x]: Invalid value: \"a/b\": a valid label must ..."},
      {"x>a",
       "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' "
       "operators, the value must be an integer"},
      {"x<",
       "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' "
       "operators, the value must be an integer"},
      {"x>99999999999999999999",
       "unable to parse requirement: values[0]: Invalid value: "
       "\"99999999999999999999\": for 'Gt', 'Lt' operators, the value "
       "must be an integer"},
      {"x>1.5",
       "unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' "
       "operators, the value must be an integer"},
      {"x>-a",
       "unable to parse requirement: [values[0]: Invalid value: \"-a\": for 'Gt', 'Lt' "
       "operators, the value must be an integer, values[0][x]: Invalid value: ..."},
      {"x=\xff", "unable to parse requirement: values[0][x]: Invalid value: \"\\xff\": ..."},
  };
  for (const auto& c : cases) ExpectBadRequest(LabelSelector::Parse(c.input), c);
}

TEST(LabelSelectorTest, BoundsTheInput) {
  std::string many;
  for (int i = 0; i <= 4096; ++i) many += "a,";
  many += "a";
  ExpectBadRequest(LabelSelector::Parse(many),
                   {"", "label selector has more than 4096 requirements"});
  std::string exactly;
  for (int i = 0; i < 4096; ++i) exactly += i == 0 ? "a" : ",a";
  EXPECT_TRUE(LabelSelector::Parse(exactly).ok());
  ExpectBadRequest(LabelSelector::Parse(std::string(64 * 1024 + 1, ' ')),
                   {"", "label selector is 65537 bytes long; at most 65536 are allowed"});
  // A long bad identifier is cut in the message.
  auto long_key = LabelSelector::Parse(std::string(1000, 'x') + " y");
  ASSERT_FALSE(long_key.ok());
  EXPECT_LT(long_key.status().message().size(), 1000u);
}

Result<LabelSelector> FromJson(std::string_view text) {
  return LabelSelector::FromLabelSelectorJson(boost::json::parse(text));
}

TEST(LabelSelectorJsonTest, ConvertsMatchLabelsAndExpressions) {
  auto s = FromJson(R"({"matchLabels":{"b":"2","a":"1"},"matchExpressions":[
      {"key":"c","operator":"In","values":["y","x","x"]},
      {"key":"d","operator":"NotIn","values":[""]},
      {"key":"e","operator":"Exists"},
      {"key":"f","operator":"DoesNotExist","values":[]},
      {"key":"a","operator":"Exists","values":null}],"other":1})");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->String(), "a=1,a,b=2,c in (x,y),d notin (),e,!f");
  EXPECT_TRUE(s->Matches({{"a", "1"}, {"b", "2"}, {"c", "x"}, {"d", "z"}, {"e", ""}}));
  EXPECT_FALSE(s->Matches({{"a", "1"}, {"b", "2"}, {"c", "x"}, {"e", ""}, {"f", ""}}));

  EXPECT_TRUE(FromJson("{}")->Empty());
  EXPECT_TRUE(FromJson(R"({"matchLabels":{},"matchExpressions":[]})")->Empty());
  EXPECT_TRUE(FromJson(R"({"matchLabels":null})")->Empty());
  auto nothing = FromJson("null");
  ASSERT_TRUE(nothing.ok());
  EXPECT_TRUE(nothing->MatchesNothing());
  EXPECT_FALSE(nothing->Matches({}));
}

TEST(LabelSelectorJsonTest, RejectsMalformedSelectors) {
  const BadCase cases[] = {
      {"[]", "labelSelector: Invalid value: array: expected an object"},
      {R"({"matchLabels":[]})", "matchLabels: Invalid value: array: expected an object of strings"},
      {R"({"matchLabels":{"a":1}})", "matchLabels[a]: Invalid value: number: expected a string"},
      {R"({"matchLabels":{"a b":"c"}})",
       "matchLabels: Invalid value: \"a b\": name part must consist of ..."},
      {R"({"matchLabels":{"a":"b c"}})",
       "matchLabels[a]: Invalid value: \"b c\": a valid label must be ..."},
      {R"({"matchExpressions":{}})", "matchExpressions: Invalid value: object: expected an array"},
      {R"({"matchExpressions":[1]})",
       "matchExpressions[0]: Invalid value: number: expected an object"},
      {R"({"matchExpressions":[{"key":1,"operator":"Exists"}]})",
       "matchExpressions[0].key: Invalid value: number: expected a string"},
      {R"({"matchExpressions":[{"key":"a","operator":true}]})",
       "matchExpressions[0].operator: Invalid value: bool: expected a string"},
      {R"({"matchExpressions":[{"key":"a","operator":"In","values":"x"}]})",
       "matchExpressions[0].values: Invalid value: string: expected an array of strings"},
      {R"({"matchExpressions":[{"key":"a","operator":"In","values":["x",2]}]})",
       "matchExpressions[0].values[1]: Invalid value: number: expected a string"},
      {R"({"matchExpressions":[{"key":"a","operator":"Gt","values":["1"]}]})",
       "matchExpressions[0].operator: Unsupported value: \"Gt\": supported values: "
       "\"DoesNotExist\", \"Exists\", \"In\", \"NotIn\""},
      {R"({"matchExpressions":[{"key":"a"}]})",
       "matchExpressions[0].operator: Unsupported value: \"\": supported values: ..."},
      {R"({"matchExpressions":[{"key":"a","operator":"In"}]})",
       "matchExpressions[0].values: Invalid value: []: for 'in', 'notin' operators, values set "
       "can't be empty"},
      {R"({"matchExpressions":[{"key":"a","operator":"NotIn","values":[]}]})",
       "matchExpressions[0].values: Invalid value: []: for 'in', 'notin' operators, values set "
       "can't be empty"},
      {R"({"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]})",
       "matchExpressions[0].values: Invalid value: 1 values: values set must be empty for exists "
       "and does not exist"},
      {R"({"matchExpressions":[{"operator":"Exists"}]})",
       "matchExpressions[0].key: Invalid value: \"\": name part must be non-empty; ..."},
      {R"({"matchExpressions":[{"key":"a","operator":"In","values":["-"]}]})",
       "matchExpressions[0].values[0][a]: Invalid value: \"-\": a valid label must ..."},
  };
  for (const auto& c : cases) ExpectBadRequest(FromJson(c.input), c);
}

}  // namespace
}  // namespace navigator::api
