#include "navigator/api/codec/json_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::api {
namespace {

using ::testing::ElementsAre;

struct Inner {
  std::string s;
  int32_t n = 0;
  static constexpr auto JsonFields() {
    return std::make_tuple(Field("s", &Inner::s, kOmitEmpty), Field("n", &Inner::n));
  }
  bool operator==(const Inner&) const = default;
};

struct Embedded {
  bool flag = false;
  static constexpr auto JsonFields() {
    return std::make_tuple(Field("flag", &Embedded::flag, kOmitEmpty));
  }
  bool operator==(const Embedded&) const = default;
};

struct Outer {
  Embedded embedded;
  std::optional<int64_t> ptr;
  std::optional<int64_t> nullable;
  std::vector<Inner> items;
  std::map<std::string, std::string> labels;
  Inner inner;
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Inline(&Outer::embedded), Field("ptr", &Outer::ptr, kOmitEmpty),
        Field("nullable", &Outer::nullable), Field("items", &Outer::items, kOmitEmpty),
        Field("labels", &Outer::labels, kOmitEmpty), Field("inner", &Outer::inner, kOmitEmpty));
  }
  bool operator==(const Outer&) const = default;
};

Outer Decode(std::string_view text, DecodeContext& ctx) {
  Outer out;
  DecodeJson(boost::json::parse(text), out, ctx);
  return out;
}

TEST(JsonCodecTest, EncodesInDeclarationOrderWithGoOmitEmptyRules) {
  Outer o;
  EXPECT_EQ(boost::json::serialize(EncodeJson(o)), R"({"nullable":null,"inner":{"n":0}})");
  o.embedded.flag = true;
  o.ptr = 0;
  o.items = {{"a", 1}};
  o.labels = {{"z", "1"}, {"a", "2"}};
  EXPECT_EQ(boost::json::serialize(EncodeJson(o)),
            R"({"flag":true,"ptr":0,"nullable":null,"items":[{"s":"a","n":1}],)"
            R"("labels":{"a":"2","z":"1"},"inner":{"n":0}})");
}

TEST(JsonCodecTest, RoundTrips) {
  DecodeContext ctx;
  Outer o = Decode(R"({"flag":true,"ptr":7,"items":[{"s":"x","n":2}],"labels":{"k":"v"}})", ctx);
  EXPECT_TRUE(ctx.errors().empty());
  DecodeContext ctx2;
  EXPECT_EQ(Decode(boost::json::serialize(EncodeJson(o)), ctx2), o);
}

TEST(JsonCodecTest, NullLeavesZeroValues) {
  DecodeContext ctx;
  Outer o = Decode(R"({"flag":null,"ptr":null,"items":null,"labels":null,"inner":null})", ctx);
  EXPECT_TRUE(ctx.errors().empty());
  EXPECT_EQ(o, Outer{});
}

TEST(JsonCodecTest, ReportsUnknownFieldsIncludingNestedOnes) {
  DecodeContext ctx;
  Decode(R"({"what":1,"items":[{"s":"a","extra":true}],"inner":{"deeper":{}}})", ctx);
  EXPECT_THAT(ctx.unknown_fields(), ElementsAre("what", "items[0].extra", "inner.deeper"));
}

TEST(JsonCodecTest, ReportsEveryTypeErrorAtItsPath) {
  DecodeContext ctx;
  Decode(R"({"flag":"yes","ptr":1.5,"items":[{"n":"1"}],"labels":{"k":3},"inner":[]})", ctx);
  std::vector<std::string> fields;
  for (const auto& e : ctx.errors()) fields.push_back(e.field + ": " + e.message);
  EXPECT_THAT(fields, ElementsAre("flag: expected a boolean, got string",
                                  "ptr: expected an integer, got 1.5",
                                  "items[0].n: expected an integer, got string",
                                  "labels.k: expected a string, got number",
                                  "inner: expected an object, got array"));
}

TEST(JsonCodecTest, DifferingFieldsNamesWireFieldsIncludingInlineOnes) {
  Outer a, b;
  EXPECT_THAT(DifferingFields(a, b), ::testing::IsEmpty());
  b.embedded.flag = true;
  b.labels["k"] = "v";
  b.inner.n = 2;
  EXPECT_THAT(DifferingFields(a, b), ElementsAre("flag", "labels", "inner"));
}

TEST(JsonCodecTest, RejectsHugeFloatsWithoutUndefinedBehaviour) {
  DecodeContext ctx;  // found by fuzzing; UBSan flagged the int64 conversion
  Decode(R"({"ptr":1e300})", ctx);
  ASSERT_EQ(ctx.errors().size(), 1u);
  EXPECT_EQ(ctx.errors()[0].field, "ptr");
}

TEST(JsonCodecTest, AcceptsIntegralFloatsLikeGo) {
  DecodeContext ctx;
  Outer o = Decode(R"({"ptr":3.0})", ctx);
  EXPECT_TRUE(ctx.errors().empty());
  EXPECT_EQ(o.ptr, 3);
}

}  // namespace
}  // namespace navigator::api
