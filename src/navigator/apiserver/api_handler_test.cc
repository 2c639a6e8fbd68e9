// Routing and error mapping of ApiHandler, over the in-memory storage. The same
// paths are exercised over HTTPS against real etcd in tests/integration.

#include "navigator/apiserver/api_handler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "navigator/storage/memory_storage.h"

namespace navigator::apiserver {
namespace {

using ::testing::HasSubstr;

constexpr char kPilots[] = "/apis/navigator.jetstack.io/v1alpha1/namespaces/default/pilots";

class ApiHandlerTest : public ::testing::Test {
 protected:
  http::Response Send(std::string method, std::string path, std::string body = "",
                      std::string content_type = "application/json") {
    http::Request r;
    r.method = std::move(method);
    r.path = path;
    r.target = path;
    r.body = std::move(body);
    if (!content_type.empty()) r.headers.emplace_back("Content-Type", content_type);
    return handler_.Handle(r);
  }
  static boost::json::value Json(const http::Response& r) { return boost::json::parse(r.body); }

  storage::MemoryStorage storage_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000))};
  DefaultRandom random_{1};
  ApiHandler handler_{registry::StoreContext{&storage_, "/registry", &clock_, &random_}};
};

TEST_F(ApiHandlerTest, ServesDiscovery) {
  auto groups = Json(Send("GET", "/apis"));
  EXPECT_EQ(groups.at("kind"), "APIGroupList");
  EXPECT_EQ(groups.at("groups").at(0).at("preferredVersion").at("groupVersion"),
            "navigator.jetstack.io/v1alpha1");
  auto resources = Json(Send("GET", "/apis/navigator.jetstack.io/v1alpha1"));
  const auto& list = resources.at("resources").as_array();
  ASSERT_EQ(list.size(), 6u);
  EXPECT_EQ(list[0].at("name"), "elasticsearchclusters");
  EXPECT_EQ(list[0].at("shortNames"), (boost::json::array{"esc", "elasticsearch"}));
  EXPECT_EQ(list[1].at("name"), "elasticsearchclusters/status");
  EXPECT_EQ(list[2].at("shortNames"), (boost::json::array{"cassandra"}));
  EXPECT_FALSE(list[4].as_object().contains("shortNames"));
  EXPECT_EQ(Json(Send("GET", "/apis/navigator.jetstack.io")).at("kind"), "APIGroup");
  EXPECT_EQ(Json(Send("GET", "/api")).at("kind"), "APIVersions");
  EXPECT_EQ(Json(Send("GET", "/version")).at("gitVersion"), "v0.1.0");
}

TEST_F(ApiHandlerTest, CreateGetListUpdateDelete) {
  auto created = Send("POST", kPilots,
                      R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
                      R"("metadata":{"name":"p1"},"status":{"conditions":[{"type":"Ready"}]}})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto obj = Json(created);
  EXPECT_EQ(obj.at("metadata").at("namespace"), "default");
  EXPECT_EQ(obj.at("metadata").at("generation"), 1);
  EXPECT_EQ(obj.at("metadata").at("creationTimestamp"), "2023-11-14T22:13:20Z");
  EXPECT_EQ(obj.at("status"), boost::json::object());  // status starts empty

  auto got = Send("GET", std::string(kPilots) + "/p1");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Json(got), obj);

  auto list = Json(Send("GET", kPilots));
  EXPECT_EQ(list.at("kind"), "PilotList");
  EXPECT_EQ(list.at("items").as_array().size(), 1u);
  auto all = Json(Send("GET", "/apis/navigator.jetstack.io/v1alpha1/pilots"));
  EXPECT_EQ(all.at("items").as_array().size(), 1u);

  obj.as_object()["metadata"].as_object()["labels"] = boost::json::object{{"a", "b"}};
  auto updated = Send("PUT", std::string(kPilots) + "/p1", boost::json::serialize(obj));
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_NE(Json(updated).at("metadata").at("resourceVersion"),
            obj.at("metadata").at("resourceVersion"));

  // A stale resourceVersion is a conflict.
  auto stale = Send("PUT", std::string(kPilots) + "/p1", boost::json::serialize(obj));
  EXPECT_EQ(stale.status, 409);
  EXPECT_THAT(stale.body, HasSubstr("the object has been modified"));

  auto deleted = Send("DELETE", std::string(kPilots) + "/p1", "", "");
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(Send("GET", std::string(kPilots) + "/p1").status, 404);
}

TEST_F(ApiHandlerTest, MapsBadRequestsOntoStatusCodes) {
  struct Case {
    const char* method;
    std::string path;
    std::string body;
    std::string content_type;
    int code;
    const char* message;
  };
  const std::string p = kPilots;
  const Case cases[] = {
      {"GET", "/apis/navigator.jetstack.io/v1alpha1/namespaces/default/widgets", "", "", 404,
       "widgets is not a resource"},
      {"GET", "/apis/other.io/v1/namespaces/default/pilots", "", "", 404, "could not find"},
      {"GET", "/apis/navigator.jetstack.io/v2/namespaces/default/pilots", "", "", 404,
       "could not find"},
      {"GET", p + "/x/scale", "", "", 404, "could not find"},
      {"POST", p, "{", "application/json", 400, "malformed JSON"},
      {"POST", p, "{}", "text/plain", 415, "unknown format \"text/plain\""},
      {"POST", p,
       R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot","metadata":{"name":"x","namespace":"other"}})",
       "application/json", 400, "does not match the namespace"},
      {"PUT", p + "/y",
       R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot","metadata":{"name":"x"}})",
       "application/json", 400, "does not match the name"},
      {"PUT", p + "/x",
       R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot","metadata":{"name":"x"}})",
       "application/json", 422, "metadata.resourceVersion: Invalid value: 0: must be specified"},
      {"PUT", p + "/x",
       R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot","metadata":{"name":"x","resourceVersion":"5"}})",
       "application/json", 404, "pilots.navigator.jetstack.io \"x\" not found"},
      {"PATCH", p + "/x", "{}", "application/merge-patch+json", 404, "\"x\" not found"},
      {"PATCH", p + "/x", "[]", "application/json-patch+json", 415, "is not supported"},
      {"PATCH", p + "/x", R"({"spec":{"$patch":"replace"}})",
       "application/strategic-merge-patch+json", 415, "directives"},
      {"POST", p + "/x", "{}", "application/json", 405, "POST is not supported"},
      {"POST", "/apis/navigator.jetstack.io/v1alpha1/pilots", "{}", "application/json", 405,
       "cluster-wide"},
      {"DELETE", p + "/x", "{not json", "application/json", 400, "malformed JSON"},
      {"DELETE", p + "/x", R"({"propagationPolicy":"Sideways"})", "application/json", 400,
       "propagationPolicy \"Sideways\" is not supported"},
      {"POST", "/healthz", "", "", 405, "POST is not supported on /healthz"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path + " " + c.body);
    auto r = Send(c.method, c.path, c.body, c.content_type);
    EXPECT_EQ(r.status, c.code);
    auto status = Json(r);
    EXPECT_THAT(std::string(status.at("message").as_string()), HasSubstr(c.message));
    EXPECT_EQ(status.at("kind"), "Status");
    EXPECT_EQ(status.at("code"), c.code);
  }
}

TEST_F(ApiHandlerTest, HealthEndpoints) {
  EXPECT_EQ(Send("GET", "/healthz").body, "ok");
  EXPECT_EQ(Send("GET", "/livez").status, 200);
  http::Request r;
  r.method = "GET";
  r.path = "/readyz";
  r.query.emplace_back("verbose", "");
  auto verbose = handler_.Handle(r);
  EXPECT_EQ(verbose.status, 200);
  EXPECT_EQ(verbose.body, "[+]ping ok\n[+]etcd ok\nreadyz check passed\n");
}

}  // namespace
}  // namespace navigator::apiserver
