// The preserving codec (preserving.h) on a small struct, and the leaf types:
// IntOrString, MicroTime, Bytes, label selectors.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "navigator/kube/bytes.h"
#include "navigator/kube/int_or_string.h"
#include "navigator/kube/label_selector.h"
#include "navigator/kube/micro_time.h"
#include "navigator/kube/preserving.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

struct Inner {
  int32_t n = 0;
  UnknownFields unknown_fields;
  static constexpr auto JsonFields() { return std::make_tuple(api::Field("n", &Inner::n)); }
  bool operator==(const Inner&) const = default;
};

struct Outer {
  std::string name;
  std::optional<Inner> inner;
  std::vector<Inner> list;
  UnknownFields unknown_fields;
  static constexpr auto JsonFields() {
    return std::make_tuple(api::Field("name", &Outer::name, api::kOmitEmpty),
                           api::Field("inner", &Outer::inner, api::kOmitEmpty),
                           api::Field("list", &Outer::list, api::kOmitEmpty));
  }
  bool operator==(const Outer&) const = default;
};

static_assert(PreservingStruct<Outer>);
static_assert(!PreservingStruct<api::TypeMeta>);

template <typename T>
T DecodeOk(std::string_view text) {
  T out;
  api::DecodeContext ctx;
  api::DecodeJson(json::parse(text), out, ctx);
  EXPECT_TRUE(ctx.errors().empty())
      << ctx.errors().front().field << ": " << ctx.errors().front().message;
  // Kept, not reported.
  EXPECT_TRUE(ctx.unknown_fields().empty());
  return out;
}

template <typename T>
std::string FirstError(std::string_view text) {
  T out;
  api::DecodeContext ctx;
  api::DecodeJson(json::parse(text), out, ctx);
  if (ctx.errors().empty()) return "<no error>";
  return ctx.errors().front().field + ": " + ctx.errors().front().message;
}

TEST(PreservingCodecTest, KeepsUnknownKeysAtEveryDepth) {
  const json::value in = json::parse(
      R"({"name":"a","extra":{"deep":[1,{"x":null}]},"inner":{"n":1,"more":true},
          "list":[{"n":2,"z":"q"},{"n":3}],"last":1.5})");
  Outer o = DecodeOk<Outer>(json::serialize(in));
  EXPECT_EQ(o.unknown_fields.size(), 2u);
  EXPECT_EQ(o.inner->unknown_fields.at("more"), true);
  EXPECT_EQ(o.list[0].unknown_fields.at("z"), "q");
  EXPECT_EQ(api::EncodeJson(o), in);

  // Changes to modelled fields win; kept ones come along.
  o.inner->n = 9;
  o.list.erase(o.list.begin() + 1);
  const json::value out = api::EncodeJson(o);
  EXPECT_EQ(out, json::parse(R"({"name":"a","extra":{"deep":[1,{"x":null}]},
                                 "inner":{"n":9,"more":true},"list":[{"n":2,"z":"q"}],"last":1.5})"));
}

TEST(PreservingCodecTest, ModelledValueWinsOverAKeptKeyOfTheSameName) {
  Outer o;
  o.name = "real";
  o.unknown_fields["name"] = "stale";
  EXPECT_EQ(api::EncodeJson(o), json::parse(R"({"name":"real"})"));
}

TEST(PreservingCodecTest, NullAndErrors) {
  EXPECT_EQ(DecodeOk<Outer>("null"), Outer{});
  EXPECT_EQ(FirstError<Outer>("[]"), ": expected an object, got array");
  EXPECT_EQ(FirstError<Outer>(R"({"inner":{"n":"1"}})"),
            "inner.n: expected an integer, got string");
  EXPECT_EQ(FirstError<Outer>(R"({"list":[{},{"n":true}]})"),
            "list[1].n: expected an integer, got bool");
}

TEST(IntOrStringTest, DecodeEncode) {
  struct Holder {
    IntOrString v;
    UnknownFields unknown_fields;
    static constexpr auto JsonFields() { return std::make_tuple(api::Field("v", &Holder::v)); }
    bool operator==(const Holder&) const = default;
  };
  EXPECT_EQ(DecodeOk<Holder>(R"({"v":3})").v, IntOrString::Int(3));
  EXPECT_EQ(DecodeOk<Holder>(R"({"v":3.0})").v, IntOrString::Int(3));
  EXPECT_EQ(DecodeOk<Holder>(R"({"v":"25%"})").v, IntOrString::String("25%"));
  EXPECT_EQ(DecodeOk<Holder>(R"({"v":null})").v, IntOrString{});
  EXPECT_EQ(FirstError<Holder>(R"({"v":[]})"), "v: expected an integer or a string, got array");
  EXPECT_EQ(FirstError<Holder>(R"({"v":-2147483649})"), "v: number -2147483649 is out of range");
  EXPECT_EQ(FirstError<Holder>(R"({"v":0.5})"), "v: expected an integer, got 0.5");
  EXPECT_EQ(api::EncodeJson(IntOrString::Int(-4)), json::value(-4));
  EXPECT_EQ(api::EncodeJson(IntOrString::String("http")), json::value("http"));
  EXPECT_EQ(IntOrString::String("x").ToString(), "x");
  EXPECT_EQ(IntOrString::Int(7).ToString(), "7");
}

TEST(IntOrStringTest, ScaledValue) {
  EXPECT_EQ(*ScaledValue(IntOrString::Int(2), 10, true), 2);
  EXPECT_EQ(*ScaledValue(IntOrString::String("50%"), 5, true), 3);
  EXPECT_EQ(*ScaledValue(IntOrString::String("50%"), 5, false), 2);
  EXPECT_EQ(*ScaledValue(IntOrString::String("0%"), 5, true), 0);
  EXPECT_EQ(*ScaledValue(IntOrString::String("100%"), 7, false), 7);
  for (const char* bad : {"", "%", "50", "x%", "-1%", "1.5%", "50%%"}) {
    Result<int32_t> r = ScaledValue(IntOrString::String(bad), 5, true);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kBadRequest);
  }
}

TEST(MicroTimeTest, DecodeEncode) {
  struct Holder {
    std::optional<MicroTime> t;
    UnknownFields unknown_fields;
    static constexpr auto JsonFields() {
      return std::make_tuple(api::Field("t", &Holder::t, api::kOmitEmpty));
    }
    bool operator==(const Holder&) const = default;
  };
  Holder h = DecodeOk<Holder>(R"({"t":"2026-05-01T12:00:00.5+02:00"})");
  EXPECT_EQ(api::EncodeJson(h), json::parse(R"({"t":"2026-05-01T10:00:00.500000Z"})"));
  EXPECT_FALSE(DecodeOk<Holder>(R"({"t":null})").t.has_value());
  EXPECT_THAT(FirstError<Holder>(R"({"t":"2026-05-01"})"), HasSubstr("t: \"2026-05-01\" is not"));
  EXPECT_EQ(FirstError<Holder>(R"({"t":1})"), "t: expected an RFC 3339 time string, got number");
}

TEST(BytesTest, DecodeEncode) {
  struct Holder {
    std::map<std::string, Bytes> data;
    UnknownFields unknown_fields;
    static constexpr auto JsonFields() {
      return std::make_tuple(api::Field("data", &Holder::data));
    }
    bool operator==(const Holder&) const = default;
  };
  Holder h = DecodeOk<Holder>(R"({"data":{"a":"AP8=","b":"","c":null}})");
  EXPECT_EQ(h.data.at("a").value, std::string("\0\xff", 2));
  EXPECT_EQ(h.data.at("b").value, "");
  EXPECT_EQ(api::EncodeJson(h), json::parse(R"({"data":{"a":"AP8=","b":"","c":""}})"));
  EXPECT_EQ(FirstError<Holder>(R"({"data":{"a":"AP8"}})"),
            "data.a: expected standard padded base64 text (RFC 4648)");
}

TEST(LabelSelectorTest, ToSelectorString) {
  LabelSelector s;
  EXPECT_EQ(*ToSelectorString(s), "");
  s.match_labels = {{"b", "2"}, {"a", "1"}};
  s.match_expressions = {{.key = "r", .operator_ = "NotIn", .values = {"x", "y"}},
                         {.key = "e", .operator_ = "Exists"},
                         {.key = "d", .operator_ = "DoesNotExist"},
                         {.key = "i", .operator_ = "In", .values = {"v"}}};
  EXPECT_EQ(*ToSelectorString(s), "a=1,b=2,r notin (x,y),e,!d,i in (v)");

  LabelSelector bad;
  bad.match_expressions = {{.key = "k", .operator_ = "Gt", .values = {"1"}}};
  EXPECT_THAT(ToSelectorString(bad).status().message(),
              HasSubstr("matchExpressions[0].operator: \"Gt\" is not one of"));
  bad.match_expressions = {{.key = "k", .operator_ = "In"}};
  EXPECT_THAT(ToSelectorString(bad).status().message(),
              HasSubstr("matchExpressions[0].values: In needs at least one value"));
  bad.match_expressions = {{.key = "k", .operator_ = "Exists", .values = {"v"}}};
  EXPECT_THAT(ToSelectorString(bad).status().message(), HasSubstr("Exists takes no values"));
}

TEST(ResourceTraitsTest, Helpers) {
  EXPECT_EQ(ApiVersionOf(client::kPods), "v1");
  EXPECT_EQ(ApiVersionOf(client::kStatefulSets), "apps/v1");
  EXPECT_TRUE(CheckObjectKind(json::parse(R"({"kind":"Pod"})"), "Pod").ok());
  EXPECT_TRUE(CheckObjectKind(json::parse(R"({})"), "Pod").ok());
  EXPECT_TRUE(CheckObjectKind(json::parse(R"({"kind":""})"), "Pod").ok());
  EXPECT_FALSE(CheckObjectKind(json::parse(R"({"kind":"Node"})"), "Pod").ok());
  EXPECT_FALSE(CheckObjectKind(json::parse("3"), "Pod").ok());

  Status s(StatusCode::kBadRequest, "bad",
           StatusDetails{.causes = {{"t", "m", "spec.x"}, {"t", "m", ""}}});
  Status p = PrefixFields(s, "items[2]");
  EXPECT_EQ(p.message(), "items[2]: bad");
  EXPECT_EQ(p.details().causes[0].field, "items[2].spec.x");
  EXPECT_EQ(p.details().causes[1].field, "items[2]");
}

}  // namespace
}  // namespace navigator::kube
