#include "bench/apiserver/crd_schema.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace navigator::bench {
namespace {

namespace bj = boost::json;

bj::object Parse(std::string_view text) {
  return bj::parse(text).as_object();
}

TEST(CrdSchemaTest, InlinesReferencesAndAnnotatedReferences) {
  const bj::object schemas = Parse(R"({
    "Root": {"type": "object", "x-kubernetes-group-version-kind": [{"kind": "Root"}],
             "properties": {
               "metadata": {"allOf": [{"$ref": "#/components/schemas/Meta"}], "description": "m"},
               "spec": {"allOf": [{"$ref": "#/components/schemas/Spec"}], "description": "the spec"},
               "items": {"type": "array", "items": {"$ref": "#/components/schemas/Leaf"},
                         "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                         "x-kubernetes-patch-strategy": "merge",
                         "x-kubernetes-patch-merge-key": "name"}}},
    "Meta": {"type": "object", "properties": {"name": {"type": "string"}}},
    "Spec": {"type": "object", "description": "Spec's own",
             "additionalProperties": {"$ref": "#/components/schemas/Leaf"}},
    "Leaf": {"type": "object", "required": ["name"],
             "properties": {"name": {"type": "string"},
                            "size": {"anyOf": [{"type": "integer"}, {"type": "string"}],
                                     "x-kubernetes-int-or-string": true}}}
  })");
  Result<bj::object> got = StructuralSchema(schemas, "Root");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const bj::object leaf = Parse(R"({"type": "object", "required": ["name"],
      "properties": {"name": {"type": "string"},
                     "size": {"anyOf": [{"type": "integer"}, {"type": "string"}],
                              "x-kubernetes-int-or-string": true}}})");
  const bj::object want{
      {"type", "object"},
      {"properties",
       bj::object{{"metadata", bj::object{{"type", "object"}}},
                  {"spec", bj::object{{"type", "object"},
                                      {"description", "the spec"},  // the annotation wins
                                      {"additionalProperties", leaf}}},
                  {"items", bj::object{{"type", "array"},
                                       {"items", leaf},
                                       {"x-kubernetes-list-type", "map"},
                                       {"x-kubernetes-list-map-keys", bj::array{"name"}}}}}}};
  EXPECT_EQ(*got, want) << bj::serialize(*got);
}

TEST(CrdSchemaTest, DropsKeywordsCrdsReject) {
  const bj::object schemas = Parse(R"({"Root": {"type": "object", "properties": {
      "a": {"type": "array", "items": {"type": "string"}, "uniqueItems": true,
            "x-kubernetes-patch-strategy": "merge", "x-kubernetes-list-type": "set"},
      "b": {"type": "object", "x-kubernetes-preserve-unknown-fields": true, "readOnly": true,
            "x-kubernetes-map-type": "atomic"}}}})");
  Result<bj::object> got = StructuralSchema(schemas, "Root");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, Parse(R"({"type": "object", "properties": {
      "a": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"},
      "b": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
            "x-kubernetes-map-type": "atomic"}}})"));
  EXPECT_TRUE(IsCrdSchemaKeyword("x-kubernetes-int-or-string"));
  EXPECT_FALSE(IsCrdSchemaKeyword("x-kubernetes-group-version-kind"));
  EXPECT_FALSE(IsCrdSchemaKeyword("$ref"));
}

TEST(CrdSchemaTest, SharedNonRecursiveReferencesAreFine) {
  // The same schema used twice side by side is not a cycle.
  const bj::object schemas = Parse(R"({
    "Root": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/L"},
                                              "b": {"$ref": "#/components/schemas/L"}}},
    "L": {"type": "string"}})");
  Result<bj::object> got = StructuralSchema(schemas, "Root");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->at("properties").at("b"), (bj::object{{"type", "string"}}));
}

TEST(CrdSchemaTest, RejectsCycles) {
  const bj::object self = Parse(R"({"Root": {"type": "object",
      "properties": {"child": {"$ref": "#/components/schemas/Root"}}}})");
  Result<bj::object> got = StructuralSchema(self, "Root");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kBadRequest);
  EXPECT_NE(got.status().message().find("reference cycle Root -> Root"), std::string::npos)
      << got.status().message();

  const bj::object mutual = Parse(R"({
    "Root": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}},
    "A": {"type": "object", "properties": {"b": {"type": "array",
          "items": {"allOf": [{"$ref": "#/components/schemas/B"}], "description": "x"}}}},
    "B": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/A"}}})");
  got = StructuralSchema(mutual, "Root");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("reference cycle Root -> A -> B -> A"), std::string::npos)
      << got.status().message();
}

TEST(CrdSchemaTest, RejectsBadReferencesWithClearErrors) {
  struct Case {
    const char* schemas;
    const char* root;
    const char* message;
  };
  const Case cases[] = {
      {R"({})", "Root", "unknown schema \"Root\""},
      {R"({"Root": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/Nope"}}}})",
       "Root", "unknown schema \"Nope\" (from Root)"},
      {R"({"Root": {"type": "object", "properties": {"a": {"$ref": "http://x/y.json"}}}})", "Root",
       "unsupported $ref \"http://x/y.json\""},
      {R"({"Root": {"type": "object", "properties": {"a": {"$ref": 7}}}})", "Root",
       "unsupported $ref 7"},
      {R"({"Root": {"type": "string"}})", "Root", "is not of type object"},
      {R"({"Root": {"type": "object", "properties": []}})", "Root", "\"properties\" must be"},
      {R"({"Root": {"type": "object", "properties": {"a": 1}}})", "Root", "property \"a\""},
      {R"({"Root": {"type": "object", "anyOf": {}}})", "Root", "\"anyOf\" must be an array"},
      {R"({"Root": {"type": "object", "oneOf": [1]}})", "Root", "\"oneOf\" holds a non-object"},
      {R"({"Root": "x"})", "Root", "unknown schema \"Root\""},
  };
  for (const Case& c : cases) {
    Result<bj::object> got = StructuralSchema(Parse(c.schemas), c.root);
    ASSERT_FALSE(got.ok()) << c.schemas;
    EXPECT_EQ(got.status().code(), StatusCode::kBadRequest) << c.schemas;
    EXPECT_NE(got.status().message().find(c.message), std::string::npos)
        << c.schemas << ": " << got.status().message();
  }
}

TEST(CrdSchemaTest, RejectsDeepNesting) {
  bj::object deep{{"type", "string"}};
  for (int i = 0; i < 100; ++i) deep = bj::object{{"type", "array"}, {"items", deep}};
  const bj::object schemas{
      {"Root", bj::object{{"type", "object"}, {"properties", bj::object{{"a", deep}}}}}};
  Result<bj::object> got = StructuralSchema(schemas, "Root");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("deeper than 64"), std::string::npos)
      << got.status().message();
}

}  // namespace
}  // namespace navigator::bench
