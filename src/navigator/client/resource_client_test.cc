#include "navigator/client/resource_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/client/reflector.h"
#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::client {
namespace {

namespace json = boost::json;
using testing::FakeRestClient;
using ::testing::HasSubstr;

class ResourceClientTest : public ::testing::Test {
 protected:
  ResourceClientTest() {
    fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> {
      return std::string(R"({"kind":"Thing","metadata":{"name":"x"}})");
    });
  }
  RestRequest Last() const { return fake_.requests().back(); }

  FakeRestClient fake_;
  ResourceClient config_maps_{fake_, {"", "v1", "configmaps"}, true};
  ResourceClient leases_{fake_, {"coordination.k8s.io", "v1", "leases"}, true};
  ResourceClient namespaces_{fake_, {"", "v1", "namespaces"}, false};
};

TEST_F(ResourceClientTest, Paths) {
  EXPECT_EQ(*config_maps_.CollectionPath(""), "/api/v1/configmaps");
  EXPECT_EQ(*config_maps_.CollectionPath("ns"), "/api/v1/namespaces/ns/configmaps");
  EXPECT_EQ(*leases_.ObjectPath("kube-system", "l1"),
            "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/l1");
  EXPECT_EQ(*namespaces_.ObjectPath("", "team", "status"), "/api/v1/namespaces/team/status");
  // Names are escaped (what '/' and '%' do not make impossible).
  EXPECT_EQ(*config_maps_.ObjectPath("ns", "a b?c#d:e@f"),
            "/api/v1/namespaces/ns/configmaps/a%20b%3Fc%23d:e@f");
}

TEST_F(ResourceClientTest, BadNamesAreRefusedBeforeSending) {
  for (const std::string_view name : {"", ".", "..", "a/b", "a%2Fb", "new\nline"}) {
    Result<json::object> got = config_maps_.Get("ns", name);
    ASSERT_FALSE(got.ok()) << name;
    EXPECT_EQ(got.status().code(), StatusCode::kBadRequest) << name;
  }
  EXPECT_THAT(config_maps_.Get("ns", "a/b").status().message(),
              HasSubstr("the name \"a/b\" may not contain '/'"));
  EXPECT_EQ(config_maps_.Get("ns", std::string(254, 'a')).status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(config_maps_.Get("../x", "a").status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(config_maps_.Get("", "a").status().message(), HasSubstr("a namespace is required"));
  EXPECT_THAT(namespaces_.Get("ns", "a").status().message(), HasSubstr("cluster-scoped"));
  ResourceClient bad(fake_, {"Bad/Group", "v1", "things"}, false);
  EXPECT_EQ(bad.List("").status().code(), StatusCode::kBadRequest);
  ResourceClient no_version(fake_, {"", "", "things"}, false);
  EXPECT_EQ(no_version.List("").status().code(), StatusCode::kBadRequest);
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(ResourceClientTest, GetAndList) {
  Result<json::object> got = config_maps_.Get("ns", "x");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->at("kind").as_string(), "Thing");
  EXPECT_EQ(Last().method, "GET");

  ASSERT_TRUE(config_maps_
                  .List("", {.label_selector = "app=es,tier in (a,b)",
                             .field_selector = "metadata.name!=x",
                             .limit = 50,
                             .continue_token = "abc+/=",
                             .resource_version = "0"})
                  .ok());
  EXPECT_EQ(Last().path,
            "/api/v1/configmaps?labelSelector=app%3Des%2Ctier%20in%20%28a%2Cb%29"
            "&fieldSelector=metadata.name%21%3Dx&limit=50&continue=abc%2B%2F%3D&resourceVersion=0");
  EXPECT_EQ(config_maps_.List("", {.limit = -1}).status().code(), StatusCode::kBadRequest);
}

TEST_F(ResourceClientTest, CreateUpdateAndStatus) {
  json::object cm = json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",
      "metadata":{"name":"x","namespace":"ns","resourceVersion":"7"},"data":{"a":"b"}})")
                        .as_object();
  ASSERT_TRUE(config_maps_.Create("ns", cm, {.field_manager = "navigator", .dry_run = true}).ok());
  EXPECT_EQ(Last().method, "POST");
  EXPECT_EQ(Last().path, "/api/v1/namespaces/ns/configmaps?dryRun=All&fieldManager=navigator");
  EXPECT_EQ(json::parse(Last().body), json::value(cm));

  ASSERT_TRUE(config_maps_.Update("ns", cm).ok());
  EXPECT_EQ(Last().method, "PUT");
  EXPECT_EQ(Last().path, "/api/v1/namespaces/ns/configmaps/x");
  ASSERT_TRUE(config_maps_.UpdateStatus("ns", cm).ok());
  EXPECT_EQ(Last().path, "/api/v1/namespaces/ns/configmaps/x/status");

  EXPECT_THAT(config_maps_.Create("other", cm).status().message(),
              HasSubstr("metadata.namespace \"ns\" is not \"other\""));
  json::object nameless = {{"metadata", json::object{}}};
  EXPECT_THAT(config_maps_.Update("ns", nameless).status().message(),
              HasSubstr("no metadata.name"));
  json::object slashed = {{"metadata", {{"name", "a/b"}}}};
  EXPECT_EQ(config_maps_.Update("ns", slashed).status().code(), StatusCode::kBadRequest);
}

TEST_F(ResourceClientTest, PatchTypes) {
  struct Case {
    PatchType type;
    std::string_view content_type;
  };
  for (const Case& c : {Case{PatchType::kJson, "application/json-patch+json"},
                        Case{PatchType::kMerge, "application/merge-patch+json"},
                        Case{PatchType::kStrategicMerge, "application/strategic-merge-patch+json"},
                        Case{PatchType::kApply, "application/apply-patch+yaml"}}) {
    ASSERT_TRUE(config_maps_.Patch("ns", "x", c.type, "{}", {.field_manager = "nav"}).ok());
    EXPECT_EQ(Last().method, "PATCH");
    EXPECT_EQ(Last().content_type, c.content_type);
    EXPECT_EQ(Last().path, "/api/v1/namespaces/ns/configmaps/x?fieldManager=nav");
  }
  ASSERT_TRUE(config_maps_
                  .Patch("ns", "x", PatchType::kApply, "{}",
                         {.field_manager = "nav", .force = true, .subresource = "status"})
                  .ok());
  EXPECT_EQ(Last().path, "/api/v1/namespaces/ns/configmaps/x/status?fieldManager=nav&force=true");
  const size_t sent = fake_.requests().size();
  EXPECT_THAT(config_maps_.Patch("ns", "x", PatchType::kApply, "{}").status().message(),
              HasSubstr("field manager"));
  EXPECT_THAT(
      config_maps_.Patch("ns", "x", PatchType::kMerge, "{}", {.force = true}).status().message(),
      HasSubstr("only allowed for apply"));
  EXPECT_EQ(config_maps_.Patch("ns", "x", PatchType::kMerge, "").status().code(),
            StatusCode::kBadRequest);
  EXPECT_EQ(fake_.requests().size(), sent);
}

TEST_F(ResourceClientTest, DeleteOptionsBody) {
  ASSERT_TRUE(config_maps_
                  .Delete("ns", "x",
                          {.propagation_policy = "Foreground",
                           .grace_period_seconds = 0,
                           .precondition_uid = "u-1",
                           .precondition_resource_version = "9",
                           .dry_run = true})
                  .ok());
  EXPECT_EQ(Last().method, "DELETE");
  EXPECT_EQ(Last().path, "/api/v1/namespaces/ns/configmaps/x");
  EXPECT_EQ(json::parse(Last().body), json::parse(R"({"kind":"DeleteOptions","apiVersion":"v1",
      "propagationPolicy":"Foreground","gracePeriodSeconds":0,
      "preconditions":{"uid":"u-1","resourceVersion":"9"},"dryRun":["All"]})"));
  EXPECT_THAT(config_maps_.Delete("ns", "x", {.propagation_policy = "Sideways"}).status().message(),
              HasSubstr("not one of Orphan, Background, Foreground"));
  EXPECT_EQ(config_maps_.Delete("ns", "x", {.grace_period_seconds = -1}).status().code(),
            StatusCode::kBadRequest);
}

TEST_F(ResourceClientTest, ErrorsAndOddAnswers) {
  fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> {
    return Status(StatusCode::kNotFound, "configmaps \"x\" not found");
  });
  EXPECT_EQ(config_maps_.Get("ns", "x").status().code(), StatusCode::kNotFound);
  fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> { return std::string("[1]"); });
  EXPECT_THAT(config_maps_.Get("ns", "x").status().message(), HasSubstr("not a JSON object"));
  fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> { return std::string("{"); });
  EXPECT_EQ(config_maps_.Get("ns", "x").status().code(), StatusCode::kInternal);
}

TEST(GroupVersionResourceTest, Strings) {
  EXPECT_EQ((GroupVersionResource{"", "v1", "pods"}.ApiPath()), "/api/v1");
  EXPECT_EQ((GroupVersionResource{"apps", "v1", "statefulsets"}.ApiPath()), "/apis/apps/v1");
  EXPECT_EQ((GroupVersionResource{"apps", "v1", "statefulsets"}.ToString()),
            "statefulsets.v1.apps");
  EXPECT_EQ(QueryEscape("a=b c&d"), "a%3Db%20c%26d");
}

}  // namespace
}  // namespace navigator::client
