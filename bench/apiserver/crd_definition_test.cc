#include "bench/apiserver/crd_definition.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace navigator::bench {
namespace {

namespace bj = boost::json;

// Fails the test at every schema node a structural schema refuses: a $ref or
// allOf left, or a node without a type (int-or-string and
// preserve-unknown-fields nodes excepted).
void ExpectStructural(const bj::object& schema, const std::string& path) {
  EXPECT_FALSE(schema.contains("$ref")) << path;
  EXPECT_FALSE(schema.contains("allOf")) << path;
  EXPECT_FALSE(schema.contains("x-kubernetes-group-version-kind")) << path;
  EXPECT_FALSE(schema.contains("x-kubernetes-patch-strategy")) << path;
  const bool typed = schema.contains("type") || schema.contains("x-kubernetes-int-or-string") ||
                     schema.contains("x-kubernetes-preserve-unknown-fields");
  EXPECT_TRUE(typed) << path << ": " << bj::serialize(schema);
  if (const bj::value* props = schema.if_contains("properties")) {
    for (const auto& kv : props->as_object()) {
      ExpectStructural(kv.value().as_object(), path + "." + std::string(kv.key()));
    }
  }
  for (const char* key : {"items", "additionalProperties"}) {
    if (const bj::value* v = schema.if_contains(key); v && v->is_object()) {
      ExpectStructural(v->as_object(), path + "[" + key + "]");
    }
  }
}

TEST(CrdDefinitionTest, ThreeNamespacedKindsWithStatusAndStructuralSchemas) {
  Result<std::vector<bj::object>> crds = NavigatorCrds();
  ASSERT_TRUE(crds.ok()) << crds.status().ToString();
  ASSERT_EQ(crds->size(), 3u);
  const char* names[] = {"elasticsearchclusters.navigator.jetstack.io",
                         "cassandraclusters.navigator.jetstack.io", "pilots.navigator.jetstack.io"};
  for (size_t i = 0; i < 3; ++i) {
    const bj::object& crd = (*crds)[i];
    EXPECT_EQ(crd.at("apiVersion"), "apiextensions.k8s.io/v1");
    EXPECT_EQ(crd.at("metadata").at("name"), names[i]);
    const bj::object& spec = crd.at("spec").as_object();
    EXPECT_EQ(spec.at("group"), "navigator.jetstack.io");
    EXPECT_EQ(spec.at("scope"), "Namespaced");
    EXPECT_EQ(spec.at("names").at("categories"), (bj::array{"navigator"}));
    const bj::object& version = spec.at("versions").as_array().at(0).as_object();
    EXPECT_EQ(version.at("name"), "v1alpha1");
    EXPECT_EQ(version.at("subresources"), (bj::object{{"status", bj::object{}}}));
    const bj::object& schema = version.at("schema").at("openAPIV3Schema").as_object();
    EXPECT_EQ(schema.at("properties").at("metadata"), (bj::object{{"type", "object"}}));
    EXPECT_TRUE(schema.at("properties").as_object().contains("status"));
    ExpectStructural(schema, names[i]);
  }
  EXPECT_EQ((*crds)[0].at("spec").at("names").at("shortNames"),
            (bj::array{"esc", "elasticsearch"}));
  EXPECT_EQ((*crds)[1].at("spec").at("names").at("shortNames"), (bj::array{"cassandra"}));
  EXPECT_FALSE((*crds)[2].at("spec").at("names").as_object().contains("shortNames"));
}

TEST(CrdDefinitionTest, PrinterColumnsFollowNavigatorsTable) {
  Result<std::vector<bj::object>> crds = NavigatorCrds();
  ASSERT_TRUE(crds.ok()) << crds.status().ToString();
  const bj::array& es =
      (*crds)[0].at("spec").at("versions").at(0).at("additionalPrinterColumns").as_array();
  std::vector<std::string> got;
  for (const bj::value& c : es) got.emplace_back(c.at("name").as_string());
  EXPECT_EQ(got, (std::vector<std::string>{"Version", "Health", "Age", "Node Pools", "Plugins"}));
  EXPECT_EQ(es.at(0).at("jsonPath"), ".spec.version");
  EXPECT_EQ(es.at(2).at("type"), "date");
  EXPECT_EQ(es.at(3).at("priority"), 1);
}

}  // namespace
}  // namespace navigator::bench
