// The aggregated discovery document (apidiscovery.k8s.io/v2) and how
// ApiHandler negotiates /api and /apis and the other non-resource paths.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "navigator/apiserver/api_handler.h"
#include "navigator/apiserver/discovery.h"
#include "navigator/storage/memory_storage.h"

namespace navigator::apiserver {
namespace {

namespace bj = boost::json;
using ::testing::HasSubstr;

constexpr char kAcceptV2[] =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
constexpr char kContentTypeV2[] =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

TEST(AggregatedDiscoveryTest, ApisDocument) {
  const bj::object doc = AggregatedDiscovery(false);
  EXPECT_EQ(doc.at("kind"), "APIGroupDiscoveryList");
  EXPECT_EQ(doc.at("apiVersion"), "apidiscovery.k8s.io/v2");
  EXPECT_EQ(doc.at("metadata"), bj::object());
  const auto& items = doc.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("metadata"),
            bj::parse(R"({"name":"navigator.jetstack.io","creationTimestamp":null})"));
  EXPECT_FALSE(items[0].as_object().contains("kind"));
  const auto& versions = items[0].at("versions").as_array();
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].at("version"), "v1alpha1");
  EXPECT_EQ(versions[0].at("freshness"), "Current");
  const auto& resources = versions[0].at("resources").as_array();
  ASSERT_EQ(resources.size(), 3u);

  const auto& es = resources[0];
  EXPECT_EQ(es.at("resource"), "elasticsearchclusters");
  EXPECT_EQ(es.at("responseKind"), bj::parse(R"({"group":"navigator.jetstack.io",
      "version":"v1alpha1","kind":"ElasticsearchCluster"})"));
  EXPECT_EQ(es.at("scope"), "Namespaced");
  EXPECT_EQ(es.at("singularResource"), "elasticsearchcluster");
  EXPECT_EQ(es.at("shortNames"), (bj::array{"esc", "elasticsearch"}));
  EXPECT_EQ(es.at("categories"), (bj::array{"navigator"}));
  for (const char* verb :
       {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}) {
    EXPECT_NE(std::find(es.at("verbs").as_array().begin(), es.at("verbs").as_array().end(),
                        bj::value(verb)),
              es.at("verbs").as_array().end())
        << verb;
  }
  EXPECT_EQ(es.at("subresources"), bj::parse(R"([{"subresource":"status",
      "responseKind":{"group":"navigator.jetstack.io","version":"v1alpha1",
                      "kind":"ElasticsearchCluster"},
      "verbs":["get","patch","update"]}])"));

  EXPECT_EQ(resources[1].at("resource"), "cassandraclusters");
  EXPECT_EQ(resources[1].at("shortNames"), (bj::array{"cassandra"}));
  EXPECT_EQ(resources[2].at("resource"), "pilots");
  EXPECT_EQ(resources[2].at("responseKind").at("kind"), "Pilot");
  EXPECT_FALSE(resources[2].as_object().contains("shortNames"));
}

TEST(AggregatedDiscoveryTest, ApiDocumentIsEmpty) {
  EXPECT_EQ(bj::value(AggregatedDiscovery(true)),
            bj::parse(R"({"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2",
                          "metadata":{},"items":[]})"));
}

TEST(AggregatedDiscoveryTest, ETagIsQuotedUpperHexSha512) {
  // SHA-512 of "abc" (FIPS 180-2 test vector).
  EXPECT_EQ(DiscoveryETag("abc"),
            "\"DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A"
            "2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F\"");
}

class DiscoveryRoutingTest : public ::testing::Test {
 protected:
  http::Response Get(std::string path, std::string accept = "", std::string if_none_match = "") {
    http::Request r;
    r.method = "GET";
    r.path = path;
    r.target = path;
    if (!accept.empty()) r.headers.emplace_back("Accept", accept);
    if (!if_none_match.empty()) r.headers.emplace_back("If-None-Match", if_none_match);
    return handler_.Handle(r);
  }
  static std::string Header(const http::Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  storage::MemoryStorage storage_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000))};
  DefaultRandom random_{1};
  ApiHandler handler_{registry::StoreContext{&storage_, "/registry", &clock_, &random_}};
};

TEST_F(DiscoveryRoutingTest, AggregatedWhenAskedWithCachingHeaders) {
  for (const char* path : {"/apis", "/apis/", "/api", "/api/"}) {
    SCOPED_TRACE(path);
    auto r = Get(path, kAcceptV2);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, kContentTypeV2);
    EXPECT_EQ(bj::parse(r.body).at("kind"), "APIGroupDiscoveryList");
    const std::string etag = Header(r, "ETag");
    EXPECT_EQ(etag.size(), 130u);  // quoted 128 hex digits
    EXPECT_EQ(Header(r, "Vary"), "Accept");
    EXPECT_EQ(Header(r, "Cache-Control"), "public");

    auto cached = Get(path, kAcceptV2, etag);
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
    EXPECT_EQ(Header(cached, "ETag"), etag);
    EXPECT_EQ(Get(path, kAcceptV2, "\"stale\"").status, 200);
  }
  EXPECT_NE(Header(Get("/api", kAcceptV2), "ETag"), Header(Get("/apis", kAcceptV2), "ETag"));
  EXPECT_EQ(bj::parse(Get("/apis", kAcceptV2).body), bj::value(AggregatedDiscovery(false)));
}

TEST_F(DiscoveryRoutingTest, ClassicOtherwise) {
  auto r = Get("/apis", "application/json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(bj::parse(r.body).at("kind"), "APIGroupList");
  EXPECT_EQ(Header(r, "Vary"), "Accept");
  EXPECT_EQ(bj::parse(Get("/api").body).at("kind"), "APIVersions");
  EXPECT_EQ(bj::parse(Get("/api", "*/*").body).at("kind"), "APIVersions");
  // v2beta1 is not served: the classic document answers.
  EXPECT_EQ(bj::parse(Get("/apis",
                          "application/json;g=apidiscovery.k8s.io;v=v2beta1;"
                          "as=APIGroupDiscoveryList,application/json")
                          .body)
                .at("kind"),
            "APIGroupList");
}

TEST_F(DiscoveryRoutingTest, NotAcceptable) {
  struct Case {
    const char* path;
    const char* accept;
  };
  const Case cases[] = {
      {"/apis", "application/yaml"},
      {"/api", "application/json;as=Table;v=v1;g=meta.k8s.io"},
      {"/version", "text/html"},
      {"/version", "application/json;as=Table;v=v1;g=meta.k8s.io"},
      {"/openapi/v3", "application/com.github.proto-openapi.spec.v3@v1.0+protobuf"},
      {"/apis/navigator.jetstack.io", "application/yaml"},
      {"/apis/navigator.jetstack.io/v1alpha1", "application/json;q=0"},
      {"/apis/navigator.jetstack.io/v1alpha1/namespaces/default/pilots", "application/yaml"},
      {"/apis/navigator.jetstack.io/v1alpha1/namespaces/default/pilots", "%%%"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.path) + " Accept: " + c.accept);
    auto r = Get(c.path, c.accept);
    EXPECT_EQ(r.status, 406) << r.body;
    EXPECT_THAT(r.body, HasSubstr("NotAcceptable"));
    EXPECT_THAT(r.body, HasSubstr("only the following media types are accepted"));
  }
}

TEST_F(DiscoveryRoutingTest, JsonDocumentsStillServed) {
  EXPECT_EQ(Get("/version", "*/*").status, 200);
  EXPECT_EQ(Get("/apis/navigator.jetstack.io", "application/json").status, 200);
  EXPECT_EQ(Get("/apis/navigator.jetstack.io/v1alpha1", "application/*").status, 200);
  EXPECT_EQ(Get("/openapi/v3", "application/json").status, 200);
  // Resource paths let Table and PartialObjectMetadata requests through to the
  // endpoint.
  auto r = Get("/apis/navigator.jetstack.io/v1alpha1/namespaces/default/pilots",
               "application/json;as=Table;v=v1;g=meta.k8s.io");
  EXPECT_NE(r.status, 406) << r.body;
  EXPECT_EQ(Get("/healthz", "text/html").status, 200);
}

}  // namespace
}  // namespace navigator::apiserver
