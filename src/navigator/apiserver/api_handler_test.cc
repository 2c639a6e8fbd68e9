// Routing and error mapping of ApiHandler, over the in-memory storage. The same
// paths are exercised over HTTPS against real etcd in tests/integration.

#include "navigator/apiserver/api_handler.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "navigator/storage/memory_storage.h"

namespace navigator::apiserver {
namespace {

using ::testing::HasSubstr;

constexpr char kPilots[] = "/apis/navigator.jetstack.io/v1alpha1/namespaces/default/pilots";

class ApiHandlerTest : public ::testing::Test {
 protected:
  // `path` may carry a query ("?a=b&c=d"; no percent-encoding).
  http::Response Send(std::string method, std::string path, std::string body = "",
                      std::string content_type = "application/json") {
    http::Request r;
    r.method = std::move(method);
    r.target = path;
    if (auto q = path.find('?'); q != std::string::npos) {
      std::string_view query = std::string_view(path).substr(q + 1);
      while (!query.empty()) {
        auto amp = query.find('&');
        auto pair = query.substr(0, amp);
        auto eq = pair.find('=');
        r.query.emplace_back(std::string(pair.substr(0, eq)),
                             eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
      }
      path.resize(q);
    }
    r.path = path;
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

std::string PilotBody(std::string_view name, std::string_view labels = "{}") {
  return fmt::format(R"({{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
                     R"("metadata":{{"name":"{}","labels":{}}}}})",
                     name, labels);
}

TEST_F(ApiHandlerTest, PatchesWithEachPatchType) {
  ASSERT_EQ(Send("POST", kPilots, PilotBody("p", R"({"a":"1"})")).status, 201);
  const std::string p = std::string(kPilots) + "/p";
  auto json = Send("PATCH", p, R"([{"op":"add","path":"/metadata/labels/b","value":"2"}])",
                   "application/json-patch+json");
  ASSERT_EQ(json.status, 200) << json.body;
  auto merge =
      Send("PATCH", p, R"({"metadata":{"labels":{"a":null}}})", "application/merge-patch+json");
  ASSERT_EQ(merge.status, 200) << merge.body;
  auto smp = Send("PATCH", p, R"({"metadata":{"finalizers":["x.io/f"]}})",
                  "application/strategic-merge-patch+json");
  ASSERT_EQ(smp.status, 200) << smp.body;
  auto smp2 = Send("PATCH", p, R"({"metadata":{"finalizers":["y.io/g"]}})",
                   "application/strategic-merge-patch+json");
  ASSERT_EQ(smp2.status, 200) << smp2.body;
  auto obj = Json(smp2);
  EXPECT_EQ(obj.at("metadata").at("labels"), (boost::json::object{{"b", "2"}}));
  // finalizers merge as a set under a strategic merge patch (new ones first, as Kubernetes)
  EXPECT_EQ(obj.at("metadata").at("finalizers"), (boost::json::array{"y.io/g", "x.io/f"}));
  auto failed_test = Send("PATCH", p, R"([{"op":"test","path":"/metadata/name","value":"q"}])",
                          "application/json-patch+json");
  EXPECT_EQ(failed_test.status, 422) << failed_test.body;
  auto bad_directive = Send("PATCH", p, R"({"metadata":{"$patch":"sideways"}})",
                            "application/strategic-merge-patch+json");
  EXPECT_EQ(bad_directive.status, 400) << bad_directive.body;
}

TEST_F(ApiHandlerTest, DryRunAndDeleteCollection) {
  ASSERT_EQ(Send("POST", std::string(kPilots) + "?dryRun=All", PilotBody("d")).status, 201);
  EXPECT_EQ(Send("GET", std::string(kPilots) + "/d").status, 404);
  auto bad = Send("POST", std::string(kPilots) + "?dryRun=Some", PilotBody("d"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("invalid dry run value"));

  for (auto name : {"a1", "a2", "b1"}) {
    auto labels = fmt::format(R"({{"group":"{}"}})", std::string_view(name).substr(0, 1));
    ASSERT_EQ(Send("POST", kPilots, PilotBody(name, labels)).status, 201);
  }
  auto deleted = Send("DELETE", std::string(kPilots) + "?labelSelector=group=a", "", "");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  auto list = Json(deleted);
  EXPECT_EQ(list.at("kind"), "PilotList");
  EXPECT_EQ(list.at("items").as_array().size(), 2u);
  EXPECT_EQ(Json(Send("GET", kPilots)).at("items").as_array().size(), 1u);
  auto malformed = Send("DELETE", std::string(kPilots) + "?labelSelector=group+in+(a", "", "");
  EXPECT_EQ(malformed.status, 400);
}

TEST_F(ApiHandlerTest, WatchIsAStreamAndListPages) {
  for (auto name : {"w1", "w2", "w3"})
    ASSERT_EQ(Send("POST", kPilots, PilotBody(name)).status, 201);
  auto page = Json(Send("GET", std::string(kPilots) + "?limit=2"));
  EXPECT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_EQ(page.at("metadata").at("remainingItemCount"), 1);
  auto watch = Send("GET", std::string(kPilots) + "?watch=true&timeoutSeconds=5");
  EXPECT_EQ(watch.status, 200);
  EXPECT_TRUE(static_cast<bool>(watch.stream));
  auto bad = Send("GET", std::string(kPilots) + "?watch=perhaps");
  EXPECT_EQ(bad.status, 400);
  auto forbidden =
      Send("GET", std::string(kPilots) + "?watch=1&resourceVersionMatch=Exact&resourceVersion=1");
  EXPECT_EQ(forbidden.status, 422);
}

// Runs a watch response's producer until `n` lines arrived (or 5s passed).
std::vector<boost::json::value> Drain(http::Response& watch, std::size_t n) {
  http::ChunkSink sink;
  std::vector<boost::json::value> lines;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (lines.size() < n && std::chrono::steady_clock::now() < deadline) {
    if (!watch.stream(sink)) break;
    for (const auto& chunk : sink.TakePending()) lines.push_back(boost::json::parse(chunk));
    if (lines.size() < n) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return lines;
}

TEST_F(ApiHandlerTest, WatchStreamsEventsInTheNegotiatedForm) {
  ASSERT_EQ(Send("POST", kPilots, PilotBody("w1")).status, 201);
  auto plain = Send("GET", std::string(kPilots) + "?watch=true");
  ASSERT_EQ(plain.status, 200);
  auto first = Drain(plain, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].at("type"), "ADDED");
  EXPECT_EQ(first[0].at("object").at("kind"), "Pilot");

  http::Request r;
  r.method = "GET";
  r.path = kPilots;
  r.target = kPilots;
  r.query = {{"watch", "true"}};
  r.headers = {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}};
  auto table = handler_.Handle(r);
  ASSERT_EQ(table.status, 200) << table.body;
  ASSERT_EQ(Send("POST", kPilots, PilotBody("w2")).status, 201);
  auto rows = Drain(table, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("object").at("kind"), "Table");
  EXPECT_TRUE(rows[0].at("object").at("columnDefinitions").is_array());
  EXPECT_TRUE(rows[1].at("object").at("columnDefinitions").is_null());
  EXPECT_EQ(rows[1].at("object").at("rows").at(0).at("cells").at(0), "w2");
  auto more = Drain(plain, 1);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].at("object").at("metadata").at("name"), "w2");

  r.headers = {{"Accept", "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io"}};
  auto metadata = handler_.Handle(r);
  auto partial = Drain(metadata, 2);
  ASSERT_EQ(partial.size(), 2u);
  EXPECT_EQ(partial[0].at("object").at("kind"), "PartialObjectMetadata");
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
      {"PATCH", p + "/x", "[]", "application/json-patch+json", 404, "\"x\" not found"},
      {"PATCH", p + "/x", "{}", "application/json-patch+json", 400, "must be a JSON array"},
      {"PATCH", p + "/x", "[1]", "application/merge-patch+json", 400, "must be a JSON object"},
      {"PATCH", p + "/x", "{", "application/strategic-merge-patch+json", 400, "malformed JSON"},
      {"PATCH", p + "/x", "a: b", "application/apply-patch+yaml", 415,
       "unknown format \"application/apply-patch+yaml\""},
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
