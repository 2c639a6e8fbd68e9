// The inline schemas of the three kinds: every property is described, and
// merge keys and list types are where strategic merge patch expects them.

#include "navigator/api/navigator/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace navigator::api {
namespace {

namespace bj = boost::json;

// Appends to `missing` the path of every property (at any depth, through
// items and additionalProperties) that has no description, and to `lists`
// every array property without an x-kubernetes-list-type.
void Walk(const bj::object& schema, const std::string& path, std::vector<std::string>& missing,
          std::vector<std::string>& lists) {
  if (const auto* props = schema.if_contains("properties")) {
    for (const auto& kv : props->as_object()) {
      const std::string child = path + "." + std::string(kv.key());
      const auto& sub = kv.value().as_object();
      const auto* description = sub.if_contains("description");
      if (!description || !description->is_string() || description->as_string().empty()) {
        missing.push_back(child);
      }
      if (sub.contains("items") && !sub.contains("x-kubernetes-list-type")) lists.push_back(child);
      Walk(sub, child, missing, lists);
    }
  }
  if (const auto* items = schema.if_contains("items")) {
    Walk(items->as_object(), path + "[]", missing, lists);
  }
  if (const auto* values = schema.if_contains("additionalProperties")) {
    if (values->is_object()) Walk(values->as_object(), path + "{}", missing, lists);
  }
}

template <typename T>
void ExpectFullyDescribed(std::string_view kind) {
  SCOPED_TRACE(std::string(kind));
  bj::object schema = JsonSchemaOf<T>();
  EXPECT_TRUE(schema.contains("description"));
  std::vector<std::string> missing, lists;
  Walk(schema, std::string(kind), missing, lists);
  EXPECT_THAT(missing, ::testing::IsEmpty()) << "properties without a description";
  EXPECT_THAT(lists, ::testing::IsEmpty()) << "lists without x-kubernetes-list-type";
  EXPECT_EQ(bj::serialize(schema).find("$ref"), std::string::npos) << "not inline";
}

TEST(SchemaTest, EveryPropertyOfEveryKindHasADescription) {
  ExpectFullyDescribed<ElasticsearchCluster>("ElasticsearchCluster");
  ExpectFullyDescribed<CassandraCluster>("CassandraCluster");
  ExpectFullyDescribed<Pilot>("Pilot");
}

const bj::object& At(const bj::object& schema, std::initializer_list<std::string_view> path) {
  const bj::object* s = &schema;
  for (auto key : path) {
    if (key == "[]") {
      s = &s->at("items").as_object();
    } else {
      s = &s->at("properties").at(key).as_object();
    }
  }
  return *s;
}

void ExpectMergedByKey(const bj::object& list, std::string_view key) {
  EXPECT_EQ(list.at("type"), "array");
  EXPECT_EQ(list.at("x-kubernetes-patch-merge-key"), bj::value(key));
  EXPECT_EQ(list.at("x-kubernetes-patch-strategy"), "merge");
  EXPECT_EQ(list.at("x-kubernetes-list-type"), "map");
  EXPECT_EQ(list.at("x-kubernetes-list-map-keys"), (bj::array{bj::string(key)}));
  // The key is a required property of each element.
  const auto& required = list.at("items").at("required").as_array();
  EXPECT_NE(std::find(required.begin(), required.end(), bj::value(key)), required.end());
}

TEST(SchemaTest, MergeKeysAndListTypes) {
  const bj::object es = JsonSchemaOf<ElasticsearchCluster>();
  const bj::object cass = JsonSchemaOf<CassandraCluster>();
  const bj::object pilot = JsonSchemaOf<Pilot>();
  ExpectMergedByKey(At(es, {"spec", "nodePools"}), "name");
  ExpectMergedByKey(At(cass, {"spec", "nodePools"}), "name");
  ExpectMergedByKey(At(es, {"status", "conditions"}), "type");
  ExpectMergedByKey(At(cass, {"status", "conditions"}), "type");
  ExpectMergedByKey(At(pilot, {"status", "conditions"}), "type");
  ExpectMergedByKey(At(es, {"metadata", "ownerReferences"}), "uid");

  const bj::object& finalizers = At(pilot, {"metadata", "finalizers"});
  EXPECT_EQ(finalizers.at("x-kubernetes-patch-strategy"), "merge");
  EXPECT_EQ(finalizers.at("x-kubernetes-list-type"), "set");
  EXPECT_FALSE(finalizers.contains("x-kubernetes-patch-merge-key"));

  for (const bj::object* atomic :
       {&At(es, {"spec", "nodePools", "[]", "roles"}), &At(es, {"spec", "plugins"}),
        &At(es, {"metadata", "managedFields"}),
        &At(cass, {"spec", "nodePools", "[]", "resources", "claims"})}) {
    EXPECT_EQ(atomic->at("x-kubernetes-list-type"), "atomic");
    EXPECT_FALSE(atomic->contains("x-kubernetes-patch-strategy"));
  }
}

TEST(SchemaTest, InlineFieldsAndLeafTypes) {
  const bj::object es = JsonSchemaOf<ElasticsearchCluster>();
  // NavigatorClusterConfig is inline in the spec, TypeMeta at the top.
  EXPECT_THAT(std::string(At(es, {"spec", "pilotImage"}).at("description").as_string()),
              ::testing::HasSubstr("pilot"));
  EXPECT_TRUE(es.at("properties").as_object().contains("apiVersion"));
  EXPECT_THAT(At(es, {"spec"}).at("required").as_array(),
              ::testing::UnorderedElementsAre("pilotImage", "version"));
  EXPECT_THAT(
      std::string(At(es, {"spec", "nodePools", "[]", "roles"}).at("description").as_string()),
      ::testing::HasSubstr("data, ingest and master"));
  const auto& limits = At(es, {"spec", "nodePools", "[]", "resources", "limits"});
  EXPECT_EQ(limits.at("additionalProperties").at("x-kubernetes-int-or-string"), true);
  EXPECT_EQ(At(es, {"metadata", "creationTimestamp"}).at("format"), "date-time");
  EXPECT_EQ(At(es, {"spec", "version"}).at("type"), "string");
}

}  // namespace
}  // namespace navigator::api
