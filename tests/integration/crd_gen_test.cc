// The CRDs bench/apiserver/crd_gen generates (navigator_crd_gen) against a
// real kube-apiserver (the KubeApiServer fixture): they are accepted
// (structural schemas), become Established, serve the quick-start manifests
// of docs/quick-start/ unchanged (no field pruned), enforce the schema's
// types, serve the status subresource, and appear in discovery with
// navigator-apiserver's short names and category.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "bench/apiserver/crd_definition.h"
#include "navigator/client/resource_client.h"
#include "navigator/client/rest_client.h"
#include "tests/support/kube_apiserver_suite.h"

#ifndef NAVIGATOR_SOURCE_DIR
#error "NAVIGATOR_SOURCE_DIR must be defined by the build"
#endif

namespace navigator {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using client::ResourceClient;

// YAML (a manifest) as JSON: plain scalars that read as integers, floats,
// booleans or null become those; quoted scalars stay strings.
json::value ToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json::object o;
      for (const auto& kv : node) o[kv.first.as<std::string>()] = ToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      json::array a;
      for (const auto& item : node) a.push_back(ToJson(item));
      return a;
    }
    case YAML::NodeType::Scalar: {
      const std::string s = node.Scalar();
      if (node.Tag() == "!") return json::string(s);  // quoted
      if (s == "true" || s == "false") return s == "true";
      if (s == "null" || s == "~") return nullptr;
      int64_t i = 0;
      if (YAML::convert<int64_t>::decode(node, i) &&
          s.find_first_not_of("-0123456789") == std::string::npos) {
        return i;
      }
      return json::string(s);
    }
    default:
      return nullptr;
  }
}

json::object Manifest(std::string_view file) {
  const std::string path =
      std::string(NAVIGATOR_SOURCE_DIR) + "/docs/quick-start/" + std::string(file);
  return ToJson(YAML::LoadFile(path)).as_object();
}

// Every member of `want` is in `got` with an equal value (recursively).
void ExpectContains(const json::value& got, const json::value& want, const std::string& path) {
  if (want.is_object() && got.is_object()) {
    for (const auto& kv : want.as_object()) {
      const json::value* g = got.as_object().if_contains(kv.key());
      ASSERT_NE(g, nullptr) << path << "." << kv.key() << " was pruned";
      ExpectContains(*g, kv.value(), path + "." + std::string(kv.key()));
    }
  } else if (want.is_array() && got.is_array()) {
    ASSERT_EQ(got.as_array().size(), want.as_array().size()) << path;
    for (size_t i = 0; i < want.as_array().size(); ++i) {
      ExpectContains(got.as_array()[i], want.as_array()[i], path + "[" + std::to_string(i) + "]");
    }
  } else {
    EXPECT_EQ(got, want) << path;
  }
}

class CrdGenControlPlaneTest : public test_support::KubeApiServerSuite {
 protected:
  static ResourceClient Navigator(std::string_view plural) {
    return ResourceClient(admin(), {"navigator.jetstack.io", "v1alpha1", std::string(plural)},
                          true);
  }
};

bool HasCondition(const json::object& crd, std::string_view type) {
  const json::value* status = crd.if_contains("status");
  if (status == nullptr || !status->is_object()) return false;
  const json::value* conditions = status->as_object().if_contains("conditions");
  if (conditions == nullptr || !conditions->is_array()) return false;
  for (const json::value& c : conditions->as_array()) {
    if (c.at("type") == json::value(type) && c.at("status") == "True") return true;
  }
  return false;
}

TEST_F(CrdGenControlPlaneTest, GeneratedCrdsServeTheQuickStartObjects) {
  Result<std::vector<json::object>> crds = bench::NavigatorCrds();
  ASSERT_TRUE(crds.ok()) << crds.status().ToString();
  ResourceClient definitions(admin(), {"apiextensions.k8s.io", "v1", "customresourcedefinitions"},
                             false);
  for (const json::object& crd : *crds) {
    Result<json::object> created = definitions.Create("", crd);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  for (const json::object& crd : *crds) {
    const std::string name(crd.at("metadata").at("name").as_string());
    Result<json::object> got = definitions.Get("", name);
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (got.ok() && !HasCondition(*got, "Established") &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(200ms);
      got = definitions.Get("", name);
    }
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_TRUE(HasCondition(*got, "Established")) << json::serialize(*got);
    EXPECT_TRUE(HasCondition(*got, "NamesAccepted")) << json::serialize(*got);
    EXPECT_FALSE(HasCondition(*got, "NonStructuralSchema")) << json::serialize(*got);
  }

  ResourceClient namespaces(admin(), {"", "v1", "namespaces"}, false);
  ASSERT_TRUE(namespaces
                  .Create("", json::object{{"apiVersion", "v1"},
                                           {"kind", "Namespace"},
                                           {"metadata", json::object{{"name", "crd-gen"}}}})
                  .ok());

  struct Case {
    const char* manifest;
    const char* plural;
    json::object status;
  };
  const Case cases[] = {
      {"es-cluster-demo.yaml", "elasticsearchclusters",
       json::object{{"health", "Green"},
                    {"nodePools", json::object{{"master", json::object{{"readyReplicas", 3}}}}}}},
      {"cassandra-cluster.yaml", "cassandraclusters",
       json::object{
           {"nodePools", json::object{{"region-1-zone-a", json::object{{"readyReplicas", 2}}}}}}},
      {"testpilot.yaml", "pilots",
       json::object{{"conditions",
                     json::array{json::object{{"type", "Ready"},
                                              {"status", "True"},
                                              {"lastTransitionTime", "2026-01-02T03:04:05Z"}}}}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.manifest);
    const json::object manifest = Manifest(c.manifest);
    ResourceClient resource = Navigator(c.plural);
    // The CRD's endpoints may lag Established by a moment.
    Result<json::object> created = resource.Create("crd-gen", manifest);
    for (int i = 0; i < 50 && !created.ok() && created.status().code() == StatusCode::kNotFound;
         ++i) {
      std::this_thread::sleep_for(200ms);
      created = resource.Create("crd-gen", manifest);
    }
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    // The schema knows every field the manifest sets: nothing was pruned.
    ExpectContains(*created, manifest, "");

    // Status goes through the status subresource only.
    json::object with_status = *created;
    with_status["status"] = c.status;
    Result<json::object> updated = resource.Update("crd-gen", with_status);
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    EXPECT_FALSE(updated->contains("status") &&
                 updated->at("status").as_object().contains(c.status.begin()->key()))
        << "a PUT of the object changed its status: " << json::serialize(*updated);
    with_status["metadata"] = updated->at("metadata");
    Result<json::object> status = resource.UpdateStatus("crd-gen", with_status);
    ASSERT_TRUE(status.ok()) << status.status().ToString();
    ExpectContains(status->at("status"), c.status, ".status");
  }

  // The schema's types are enforced.
  json::object bad = Manifest("es-cluster-demo.yaml");
  bad["metadata"].as_object()["name"] = "bad";
  bad["spec"].as_object()["nodePools"].as_array()[0].as_object()["replicas"] = "three";
  Result<json::object> refused = Navigator("elasticsearchclusters").Create("crd-gen", bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalid) << refused.status().ToString();

  // Discovery: short names and the category, as navigator-apiserver serves them.
  Result<std::string> discovery = admin().Do({.path = "/apis/navigator.jetstack.io/v1alpha1"});
  ASSERT_TRUE(discovery.ok()) << discovery.status().ToString();
  json::object list = json::parse(*discovery).as_object();
  bool found_esc = false;
  for (const json::value& r : list.at("resources").as_array()) {
    if (r.at("name") == "elasticsearchclusters") {
      found_esc = true;
      EXPECT_EQ(r.at("shortNames"), (json::array{"esc", "elasticsearch"}));
      EXPECT_EQ(r.at("categories"), (json::array{"navigator"}));
    }
  }
  EXPECT_TRUE(found_esc) << *discovery;
}

}  // namespace
}  // namespace navigator
