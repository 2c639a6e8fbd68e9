// ResourceClient, discovery and the retrying, rate-limited RestClient stack
// against a real kube-apiserver (the KubeApiServer fixture): ConfigMap CRUD
// with every patch type, status updates, deletes with propagation policies
// and preconditions, and discovery that agrees with typed_resources.h.

#include "navigator/client/resource_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/client/discovery.h"
#include "navigator/client/rate_limited_rest_client.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/retrying_rest_client.h"
#include "navigator/client/sleeper.h"
#include "navigator/client/typed_resources.h"
#include "tests/support/kube_apiserver.h"

namespace navigator {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using client::DeleteOptions;
using client::PatchType;
using client::ResourceClient;
using client::RestClient;
using test_support::KubeApiServer;
using ::testing::Contains;

json::object Parse(std::string_view text) {
  return json::parse(text).as_object();
}

std::string DataOf(const json::object& object, std::string_view key) {
  const json::value* data = object.if_contains("data");
  if (data == nullptr || !data->is_object()) return "<no data>";
  const json::value* value = data->as_object().if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "<none>";
}

std::string Meta(const json::object& object, std::string_view key) {
  const json::value& value = object.at("metadata").as_object().contains(key)
                                 ? object.at("metadata").at(key)
                                 : json::value(nullptr);
  return value.is_string() ? std::string(value.as_string()) : std::string();
}

// One control plane for the whole suite (it takes a while to start), used
// through Retrying(RateLimited(HTTPS)), as Navigator's processes use it.
class ResourceClientControlPlaneTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!test_support::TestBinary("kube-apiserver").ok()) return;
    Result<std::unique_ptr<KubeApiServer>> server = KubeApiServer::Create();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server).release();
    Result<std::unique_ptr<RestClient>> rest = client::NewRestClient(server_->admin_config());
    ASSERT_TRUE(rest.ok()) << rest.status().ToString();
    https_ = std::move(*rest).release();
    limited_ =
        new client::RateLimitedRestClient(*https_, {.qps = 50, .burst = 100},
                                          SystemClock::Instance(), client::RealSleeper::Instance());
    random_ = new DefaultRandom();
    api_ = new client::RetryingRestClient(*limited_, {}, SystemClock::Instance(),
                                          client::RealSleeper::Instance(), *random_);
  }
  static void TearDownTestSuite() {
    delete api_;
    delete random_;
    delete limited_;
    delete https_;
    delete server_;
  }
  void SetUp() override {
    if (Result<std::string> binary = test_support::TestBinary("kube-apiserver"); !binary.ok()) {
      GTEST_SKIP() << binary.status().message();
    }
    ASSERT_NE(api_, nullptr);
  }

  // Creates namespace `name` (once per suite).
  static void EnsureNamespace(std::string_view name) {
    ResourceClient namespaces = client::Namespaces(*api_);
    Result<json::object> created =
        namespaces.Create("", json::object{{"apiVersion", "v1"},
                                           {"kind", "Namespace"},
                                           {"metadata", json::object{{"name", name}}}});
    ASSERT_TRUE(created.ok() || created.status().code() == StatusCode::kAlreadyExists)
        << created.status().ToString();
  }

  static inline KubeApiServer* server_ = nullptr;
  static inline RestClient* https_ = nullptr;
  static inline client::RateLimitedRestClient* limited_ = nullptr;
  static inline DefaultRandom* random_ = nullptr;
  static inline client::RetryingRestClient* api_ = nullptr;
};

TEST_F(ResourceClientControlPlaneTest, ConfigMapCrud) {
  EnsureNamespace("rc-crud");
  ResourceClient cms = client::ConfigMaps(*api_);
  Result<json::object> created = cms.Create("rc-crud", Parse(R"({"apiVersion":"v1",
      "kind":"ConfigMap","metadata":{"name":"one","labels":{"app":"rc"}},"data":{"a":"1"}})"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(Meta(*created, "namespace"), "rc-crud");
  EXPECT_EQ(cms.Create("rc-crud", Parse(R"({"metadata":{"name":"one"}})")).status().code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(
      cms.Create("rc-crud", Parse(R"({"metadata":{"name":"two","labels":{"app":"rc"}}})")).ok());
  ASSERT_TRUE(cms.Create("rc-crud", Parse(R"({"metadata":{"name":"other"}})")).ok());

  Result<json::object> got = cms.Get("rc-crud", "one");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(DataOf(*got, "a"), "1");
  EXPECT_EQ(cms.Get("rc-crud", "nope").status().code(), StatusCode::kNotFound);

  // Selectors and paging.
  Result<json::object> labelled = cms.List("rc-crud", {.label_selector = "app=rc"});
  ASSERT_TRUE(labelled.ok()) << labelled.status().ToString();
  EXPECT_EQ(labelled->at("items").as_array().size(), 2u);
  Result<json::object> by_field = cms.List("rc-crud", {.field_selector = "metadata.name=other"});
  ASSERT_TRUE(by_field.ok());
  ASSERT_EQ(by_field->at("items").as_array().size(), 1u);
  Result<json::object> page = cms.List("rc-crud", {.label_selector = "app=rc", .limit = 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->at("items").as_array().size(), 1u);
  const std::string token(page->at("metadata").at("continue").as_string());
  ASSERT_FALSE(token.empty());
  Result<json::object> rest =
      cms.List("rc-crud", {.label_selector = "app=rc", .limit = 1, .continue_token = token});
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(rest->at("items").as_array().size(), 1u);
  EXPECT_FALSE(rest->at("metadata").as_object().contains("continue") &&
               !rest->at("metadata").at("continue").as_string().empty());
  Result<json::object> everywhere = cms.List("", {.field_selector = "metadata.name=other"});
  ASSERT_TRUE(everywhere.ok());
  EXPECT_EQ(everywhere->at("items").as_array().size(), 1u);

  // Update, and a stale update.
  json::object updated = *got;
  updated["data"].as_object()["a"] = "2";
  Result<json::object> put = cms.Update("rc-crud", updated);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(DataOf(*put, "a"), "2");
  EXPECT_EQ(cms.Update("rc-crud", updated).status().code(), StatusCode::kConflict);

  // Patches of each type.
  Result<json::object> merged =
      cms.Patch("rc-crud", "one", PatchType::kMerge, R"({"data":{"m":"merge"}})");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(DataOf(*merged, "m"), "merge");
  Result<json::object> jsonpatch = cms.Patch("rc-crud", "one", PatchType::kJson,
                                             R"([{"op":"add","path":"/data/j","value":"json"},
                                                 {"op":"remove","path":"/data/m"}])");
  ASSERT_TRUE(jsonpatch.ok()) << jsonpatch.status().ToString();
  EXPECT_EQ(DataOf(*jsonpatch, "j"), "json");
  EXPECT_EQ(DataOf(*jsonpatch, "m"), "<none>");
  Result<json::object> strategic =
      cms.Patch("rc-crud", "one", PatchType::kStrategicMerge, R"({"data":{"s":"strategic"}})");
  ASSERT_TRUE(strategic.ok()) << strategic.status().ToString();
  EXPECT_EQ(DataOf(*strategic, "s"), "strategic");
  EXPECT_EQ(DataOf(*strategic, "j"), "json");
  EXPECT_EQ(cms.Patch("rc-crud", "one", PatchType::kJson, R"([{"op":"test","path":"/data/a",
                                                              "value":"wrong"}])")
                .status()
                .code(),
            StatusCode::kInvalid);

  // Server-side apply: creates, then owns fields; another manager conflicts
  // unless it forces.
  constexpr std::string_view kApplied = R"({"apiVersion":"v1","kind":"ConfigMap",
      "metadata":{"name":"applied","namespace":"rc-crud"},"data":{"x":"1"}})";
  Result<json::object> applied = cms.Patch("rc-crud", "applied", PatchType::kApply, kApplied,
                                           {.field_manager = "navigator-a"});
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(DataOf(*applied, "x"), "1");
  const json::array& managed = applied->at("metadata").at("managedFields").as_array();
  ASSERT_FALSE(managed.empty());
  EXPECT_EQ(managed[0].at("manager").as_string(), "navigator-a");
  EXPECT_EQ(managed[0].at("operation").as_string(), "Apply");
  constexpr std::string_view kOther = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: applied, namespace: rc-crud}
data: {x: "2"}
)";
  Result<json::object> conflict =
      cms.Patch("rc-crud", "applied", PatchType::kApply, kOther, {.field_manager = "navigator-b"});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().code(), StatusCode::kConflict) << conflict.status().ToString();
  Result<json::object> forced = cms.Patch("rc-crud", "applied", PatchType::kApply, kOther,
                                          {.field_manager = "navigator-b", .force = true});
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_EQ(DataOf(*forced, "x"), "2");

  // Deletes: a failed precondition, then one that holds.
  EXPECT_EQ(cms.Delete("rc-crud", "two", {.precondition_uid = "not-its-uid"}).status().code(),
            StatusCode::kConflict);
  Result<json::object> two = cms.Get("rc-crud", "two");
  ASSERT_TRUE(two.ok());
  Result<json::object> deleted =
      cms.Delete("rc-crud", "two",
                 {.propagation_policy = "Background", .precondition_uid = Meta(*two, "uid")});
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(cms.Get("rc-crud", "two").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(cms.Delete("rc-crud", "two").status().code(), StatusCode::kNotFound);

  // Dry run changes nothing.
  ASSERT_TRUE(cms.Delete("rc-crud", "other", {.dry_run = true}).ok());
  EXPECT_TRUE(cms.Get("rc-crud", "other").ok());

  // Refused before sending.
  EXPECT_EQ(cms.Get("rc-crud", "a/b").status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(cms.Delete("rc-crud", "one", {.propagation_policy = "Later"}).status().code(),
            StatusCode::kBadRequest);
}

TEST_F(ResourceClientControlPlaneTest, ForegroundDeletionWaitsForItsFinalizer) {
  // No garbage collector runs here: a foreground delete leaves the object
  // with the foregroundDeletion finalizer, which shows the policy arrived.
  EnsureNamespace("rc-delete");
  ResourceClient cms = client::ConfigMaps(*api_);
  ASSERT_TRUE(cms.Create("rc-delete", Parse(R"({"metadata":{"name":"fg"}})")).ok());
  Result<json::object> deleting =
      cms.Delete("rc-delete", "fg", {.propagation_policy = "Foreground"});
  ASSERT_TRUE(deleting.ok()) << deleting.status().ToString();
  Result<json::object> still = cms.Get("rc-delete", "fg");
  ASSERT_TRUE(still.ok()) << still.status().ToString();
  EXPECT_FALSE(Meta(*still, "deletionTimestamp").empty());
  EXPECT_THAT(still->at("metadata").at("finalizers").as_array(),
              Contains(json::value("foregroundDeletion")));
  // Removing the finalizer (as the garbage collector would) ends it.
  ASSERT_TRUE(
      cms.Patch("rc-delete", "fg", PatchType::kMerge, R"({"metadata":{"finalizers":null}})").ok());
  EXPECT_EQ(cms.Get("rc-delete", "fg").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(cms.Create("rc-delete", Parse(R"({"metadata":{"name":"orphan"}})")).ok());
  ASSERT_TRUE(cms.Delete("rc-delete", "orphan", {.propagation_policy = "Orphan"}).ok());
  Result<json::object> orphaned = cms.Get("rc-delete", "orphan");
  ASSERT_TRUE(orphaned.ok());
  EXPECT_THAT(orphaned->at("metadata").at("finalizers").as_array(),
              Contains(json::value("orphan")));
}

TEST_F(ResourceClientControlPlaneTest, NamespaceStatusSubresource) {
  EnsureNamespace("rc-status");
  ResourceClient namespaces = client::Namespaces(*api_);
  Result<json::object> ns = namespaces.Get("", "rc-status");
  ASSERT_TRUE(ns.ok()) << ns.status().ToString();
  json::object changed = *ns;
  changed["status"].as_object()["conditions"] = json::array{json::object{
      {"type", "NavigatorTest"}, {"status", "True"}, {"reason", "Testing"}, {"message", "hi"}}};
  // Through /status a spec change is ignored, the status kept.
  changed["spec"].as_object()["finalizers"] = json::array{"kubernetes", "navigator.io/test"};
  Result<json::object> updated = namespaces.UpdateStatus("", changed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  ASSERT_TRUE(updated->at("status").as_object().contains("conditions"));
  EXPECT_EQ(updated->at("status").at("conditions").at(0).at("type").as_string(), "NavigatorTest");
  EXPECT_EQ(updated->at("spec").at("finalizers").as_array().size(), 1u);

  // A merge patch of the status subresource.
  Result<json::object> patched = namespaces.Patch(
      "", "rc-status", PatchType::kMerge,
      R"({"status":{"conditions":[{"type":"NavigatorTest","status":"False","reason":"Done"}]}})",
      {.subresource = "status"});
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_EQ(patched->at("status").at("conditions").at(0).at("status").as_string(), "False");
  // Cluster-scoped: a namespace argument is refused.
  EXPECT_EQ(namespaces.Get("default", "rc-status").status().code(), StatusCode::kBadRequest);
}

TEST_F(ResourceClientControlPlaneTest, DiscoveryAgreesWithTypedResources) {
  Result<client::DiscoveryIndex> index = client::Discover(*api_);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  Result<client::ResourceInfo> cm = index->ResourceFor("", "ConfigMap");
  ASSERT_TRUE(cm.ok()) << cm.status().ToString();
  EXPECT_EQ(cm->gvr, (client::GroupVersionResource{"", "v1", "configmaps"}));
  EXPECT_TRUE(cm->namespaced);
  Result<client::ResourceInfo> lease = index->ResourceFor("coordination.k8s.io", "Lease");
  ASSERT_TRUE(lease.ok()) << lease.status().ToString();
  EXPECT_EQ(lease->gvr, (client::GroupVersionResource{"coordination.k8s.io", "v1", "leases"}));
  EXPECT_TRUE(lease->namespaced);
  Result<client::ResourceInfo> ns = index->ResourceFor("", "Namespace");
  ASSERT_TRUE(ns.ok());
  EXPECT_FALSE(ns->namespaced);
  EXPECT_THAT(ns->subresources, Contains("status"));
  EXPECT_EQ(index->ResourceFor("", "NoSuchKind").status().code(), StatusCode::kNotFound);

  for (const client::TypedResource& type : client::kTypedResources) {
    if (type.group == "navigator.jetstack.io") continue;  // no navigator-apiserver here
    Result<client::ResourceInfo> found = index->ResourceFor(type.group, type.kind);
    ASSERT_TRUE(found.ok()) << type.kind << ": " << found.status().ToString();
    EXPECT_EQ(found->gvr, type.gvr()) << type.kind;
    EXPECT_EQ(found->namespaced, type.namespaced) << type.kind;
  }

  // A ResourceClient made from discovery works like a typed one.
  EnsureNamespace("rc-discovery");
  ResourceClient leases(*api_, lease->gvr, lease->namespaced);
  Result<json::object> created =
      leases.Create("rc-discovery", Parse(R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
          "metadata":{"name":"l1"},"spec":{"holderIdentity":"me","leaseDurationSeconds":15}})"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Result<json::object> got = client::Leases(*api_).Get("rc-discovery", "l1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->at("spec").at("holderIdentity").as_string(), "me");
}

TEST_F(ResourceClientControlPlaneTest, DecoratorsDoNotChangeResults) {
  EnsureNamespace("rc-same");
  ResourceClient plain = client::ConfigMaps(*https_);
  ResourceClient wrapped = client::ConfigMaps(*api_);
  ASSERT_TRUE(plain.Create("rc-same", Parse(R"({"metadata":{"name":"s"},"data":{"k":"v"}})")).ok());
  Result<json::object> a = plain.Get("rc-same", "s");
  Result<json::object> b = wrapped.Get("rc-same", "s");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  Result<json::object> missing_a = plain.Get("rc-same", "none");
  Result<json::object> missing_b = wrapped.Get("rc-same", "none");
  ASSERT_FALSE(missing_a.ok());
  EXPECT_EQ(missing_a.status(), missing_b.status());

  // A tight limit paces real requests: burst 2 at 10 QPS, 6 requests take
  // at least 0.4 s.
  client::RateLimitedRestClient slow(*https_, {.qps = 10, .burst = 2}, SystemClock::Instance(),
                                     client::RealSleeper::Instance());
  ResourceClient paced = client::ConfigMaps(slow);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) {
    Result<json::object> got = paced.Get("rc-same", "s");
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, *a);
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, 390ms);
}

TEST_F(ResourceClientControlPlaneTest, RetriesRideOutAnApiserverRestart) {
  EnsureNamespace("rc-restart");
  ASSERT_TRUE(
      client::ConfigMaps(*api_).Create("rc-restart", Parse(R"({"metadata":{"name":"r"}})")).ok());
  // Patient enough for a loaded machine: up to 100 retries, at most 1 s apart.
  client::RetryingRestClient patient(
      *limited_,
      {.max_retries = 100,
       .backoff = {.initial = 200ms, .cap = 1s, .factor = 2.0, .reset_after = 120s}},
      SystemClock::Instance(), client::RealSleeper::Instance(), *random_);
  ResourceClient cms = client::ConfigMaps(patient);
  Status stopped = server_->Stop();
  ASSERT_TRUE(stopped.ok()) << stopped.ToString();
  // Plain: refused at once. Retrying: a GET waits out the restart.
  EXPECT_EQ(client::ConfigMaps(*https_).Get("rc-restart", "r").status().code(),
            StatusCode::kServiceUnavailable);
  Result<json::object> during = Status(StatusCode::kInternal, "not run");
  std::thread reader([&] { during = cms.Get("rc-restart", "r"); });
  Status started = server_->Start();
  reader.join();
  ASSERT_TRUE(started.ok()) << started.ToString();
  EXPECT_TRUE(during.ok()) << during.status().ToString();
}

}  // namespace
}  // namespace navigator
