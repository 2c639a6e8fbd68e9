#include "navigator/api/codec/json_schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::api {
namespace {

namespace bj = boost::json;

struct Item {
  std::string key;
  int32_t value = 0;
  static constexpr std::string_view kJsonSchemaName = "test.Item";
  static constexpr std::string_view kJsonDescription = "An item.";
  static constexpr auto JsonFields() {
    return std::make_tuple(Field("key", &Item::key).Doc("The key.").Required(),
                           Field("value", &Item::value, kOmitEmpty).Doc("The value."));
  }
  bool operator==(const Item&) const = default;
};

struct Base {
  std::string kind;
  static constexpr auto JsonFields() {
    return std::make_tuple(Field("kind", &Base::kind, kOmitEmpty).Doc("The kind.").Required());
  }
  bool operator==(const Base&) const = default;
};

struct Doc {
  Base base;
  std::vector<Item> items;
  std::vector<std::string> tags;
  std::vector<std::string> order;
  std::map<std::string, Item> by_name;
  std::optional<Item> single;
  static constexpr std::string_view kJsonDescription = "A document.";
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Inline(&Doc::base),
        Field("items", &Doc::items, kOmitEmpty).Doc("Items, merged by key.").MergeKey("key"),
        Field("tags", &Doc::tags, kOmitEmpty).Doc("Tags, merged as a set.").MergeSet(),
        Field("order", &Doc::order).Doc("An ordered list."),
        Field("byName", &Doc::by_name, kOmitEmpty).Doc("Items by name."),
        Field("single", &Doc::single, kOmitEmpty).Doc("One item."));
  }
  bool operator==(const Doc&) const = default;
};

// The annotations are constexpr and leave the codec's view of a field alone.
constexpr auto kAnnotated =
    Field("items", &Doc::items, kOmitEmpty).Doc("d").MergeKey("key").Required();
static_assert(kAnnotated.name == "items");
static_assert(kAnnotated.member == &Doc::items);
static_assert(kAnnotated.flags == kOmitEmpty);
static_assert(kAnnotated.description == "d");
static_assert(kAnnotated.merge_key == "key");
static_assert(kAnnotated.list_type == ListType::kMap);
static_assert(kAnnotated.required && kAnnotated.merges());
static_assert(!Field("order", &Doc::order).merges());
static_assert(Field("tags", &Doc::tags).MergeSet().Atomic().list_type == ListType::kAtomic);

TEST(JsonSchemaTest, InlineSchemaCarriesDescriptionsAndMergeAnnotations) {
  bj::object s = JsonSchemaOf<Doc>();
  EXPECT_EQ(s.at("description"), "A document.");
  EXPECT_EQ(s.at("type"), "object");
  EXPECT_EQ(s.at("required"), (bj::array{"kind"}));  // from the inline member
  const auto& props = s.at("properties").as_object();
  EXPECT_EQ(props.at("kind").at("description"), "The kind.");

  const auto& items = props.at("items").as_object();
  EXPECT_EQ(items.at("type"), "array");
  EXPECT_EQ(items.at("description"), "Items, merged by key.");
  EXPECT_EQ(items.at("x-kubernetes-patch-merge-key"), "key");
  EXPECT_EQ(items.at("x-kubernetes-patch-strategy"), "merge");
  EXPECT_EQ(items.at("x-kubernetes-list-type"), "map");
  EXPECT_EQ(items.at("x-kubernetes-list-map-keys"), (bj::array{"key"}));
  // Fully inline: the item's own schema, description and required keys.
  EXPECT_EQ(items.at("items").at("description"), "An item.");
  EXPECT_EQ(items.at("items").at("required"), (bj::array{"key"}));
  EXPECT_EQ(items.at("items").at("properties").at("value").at("format"), "int32");

  const auto& tags = props.at("tags").as_object();
  EXPECT_EQ(tags.at("x-kubernetes-list-type"), "set");
  EXPECT_EQ(tags.at("x-kubernetes-patch-strategy"), "merge");
  EXPECT_FALSE(tags.contains("x-kubernetes-patch-merge-key"));

  const auto& order = props.at("order").as_object();
  EXPECT_EQ(order.at("x-kubernetes-list-type"), "atomic");
  EXPECT_FALSE(order.contains("x-kubernetes-patch-strategy"));

  EXPECT_EQ(props.at("byName").at("additionalProperties").at("description"), "An item.");
  // The field's description wins over the type's.
  EXPECT_EQ(props.at("single").at("description"), "One item.");
  EXPECT_EQ(props.at("single").at("properties").at("key").at("type"), "string");
  EXPECT_EQ(bj::serialize(s).find("$ref"), std::string::npos);
}

TEST(JsonSchemaTest, OpenApiV3DefinitionsUseReferencesWrappedInAllOf) {
  SchemaDefinitions defs(SchemaDefinitions::Style::kOpenApiV3);
  bj::object s = JsonSchemaOf<Doc>(defs);
  ASSERT_TRUE(defs.Contains("test.Item"));
  EXPECT_EQ(defs.schemas().size(), 1u);
  EXPECT_EQ(defs.schemas().at("test.Item").at("description"), "An item.");
  const auto& props = s.at("properties").as_object();
  EXPECT_EQ(props.at("items").at("items"),
            (bj::object{{"$ref", "#/components/schemas/test.Item"}}));
  EXPECT_EQ(props.at("items").at("x-kubernetes-patch-merge-key"), "key");
  EXPECT_EQ(props.at("byName").at("additionalProperties").at("$ref"),
            "#/components/schemas/test.Item");
  // A described reference: $ref inside allOf, the description beside it.
  EXPECT_EQ(
      props.at("single"),
      (bj::object{{"allOf", bj::array{bj::object{{"$ref", "#/components/schemas/test.Item"}}}},
                  {"description", "One item."}}));
}

TEST(JsonSchemaTest, Swagger2DefinitionsPutAnnotationsBesideTheReference) {
  SchemaDefinitions defs(SchemaDefinitions::Style::kSwagger2);
  bj::object s = JsonSchemaOf<Doc>(defs);
  EXPECT_EQ(s.at("properties").at("single"),
            (bj::object{{"$ref", "#/definitions/test.Item"}, {"description", "One item."}}));
}

TEST(JsonSchemaTest, AnnotationsDoNotChangeEncodingOrDecoding) {
  Doc d;
  d.items = {{"a", 1}};
  d.tags = {"x"};
  d.single = Item{"b", 0};
  bj::value encoded = EncodeJson(d);
  EXPECT_EQ(bj::serialize(encoded),
            R"({"items":[{"key":"a","value":1}],"tags":["x"],"order":[],"single":{"key":"b"}})");
  Doc back;
  DecodeContext ctx;
  DecodeJson(encoded, back, ctx);
  EXPECT_TRUE(ctx.errors().empty());
  EXPECT_EQ(back, d);
}

}  // namespace
}  // namespace navigator::api
