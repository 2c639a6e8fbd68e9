// An Informer on /api/v1/namespaces against a real kube-apiserver (the
// KubeApiServer fixture): it sees creates, updates and deletes, its store ends
// equal to a fresh list, and it carries on after kube-apiserver is stopped and
// started again.

#include "navigator/client/informer.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "navigator/client/rest_client.h"
#include "navigator/client/watch_event.h"
#include "tests/support/kube_apiserver.h"

namespace navigator {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using client::Informer;
using client::RestClient;
using client::RestRequest;
using test_support::KubeApiServer;

bool Eventually(const std::function<bool()>& done, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

std::string Name(const json::object& object) {
  return std::string(object.at("metadata").at("name").as_string());
}

// name -> resourceVersion of a fresh list of namespaces.
std::map<std::string, std::string> FreshList(RestClient& client) {
  std::map<std::string, std::string> out;
  Result<std::string> body = client.Do(RestRequest{.path = "/api/v1/namespaces"});
  if (!body.ok()) return {{"<error>", body.status().ToString()}};
  Result<client::ListPage> page = client::ParseListPage(*body);
  if (!page.ok()) return {{"<error>", page.status().ToString()}};
  for (const json::object& item : page->items) {
    out[Name(item)] = client::ObjectResourceVersion(item);
  }
  return out;
}

std::map<std::string, std::string> StoreContent(const Informer& informer) {
  std::map<std::string, std::string> out;
  for (const client::ObjectPtr& object : informer.store().List()) {
    out[Name(*object)] = client::ObjectResourceVersion(*object);
  }
  return out;
}

Status StatusOf(const Result<std::string>& result) {
  return result.ok() ? OkStatus() : result.status();
}

Status CreateNamespace(RestClient& client, std::string_view name) {
  return StatusOf(client.Do(RestRequest{
      .method = "POST",
      .path = "/api/v1/namespaces",
      .body = fmt::format(R"({{"apiVersion":"v1","kind":"Namespace","metadata":{{"name":"{}"}}}})",
                          name)}));
}

// Deletes a namespace all the way: there is no namespace controller here, so
// after the DELETE the test empties spec.finalizers as that controller would.
Status DeleteNamespace(RestClient& client, std::string_view name) {
  const std::string path = fmt::format("/api/v1/namespaces/{}", name);
  Result<std::string> deleted = client.Do(RestRequest{.method = "DELETE", .path = path});
  if (!deleted.ok()) return deleted.status();
  json::object object = json::parse(*deleted).as_object();
  object["spec"].as_object()["finalizers"] = json::array();
  return StatusOf(client.Do(
      RestRequest{.method = "PUT", .path = path + "/finalize", .body = json::serialize(object)}));
}

class Recorder {
 public:
  client::EventHandlers Handlers() {
    return {
        .on_add = [this](const json::object& o) { Record("add " + Name(o)); },
        .on_update =
            [this](const json::object& old_object, const json::object& o) {
              if (client::ObjectResourceVersion(old_object) != client::ObjectResourceVersion(o)) {
                Record("update " + Name(o));
              }
            },
        .on_delete = [this](const json::object& o) { Record("delete " + Name(o)); },
    };
  }
  bool Saw(const std::string& call) const {
    std::lock_guard lock(mu_);
    return std::find(calls_.begin(), calls_.end(), call) != calls_.end();
  }
  std::string Dump() const {
    std::lock_guard lock(mu_);
    return fmt::format("{}", fmt::join(calls_, ", "));
  }

 private:
  void Record(std::string call) {
    std::lock_guard lock(mu_);
    calls_.push_back(std::move(call));
  }
  mutable std::mutex mu_;
  std::vector<std::string> calls_;
};

TEST(InformerControlPlaneTest, FollowsNamespacesAcrossAnApiserverRestart) {
  // Label "control-plane": skipped, not failed, where the control-plane
  // binaries were not built (hack/build-test-binaries.sh --control-plane).
  if (Result<std::string> binary = test_support::TestBinary("kube-apiserver"); !binary.ok()) {
    GTEST_SKIP() << binary.status().message();
  }
  Result<std::unique_ptr<KubeApiServer>> server = KubeApiServer::Create();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  Result<std::unique_ptr<RestClient>> rest = client::NewRestClient((*server)->admin_config());
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  RestClient& api = **rest;

  ASSERT_TRUE(CreateNamespace(api, "informer-before").ok());
  Recorder recorder;
  // Pages of two: the four built-in namespaces and ours take three pages.
  Informer informer(api, {.path = "/api/v1/namespaces", .page_size = 2});
  informer.AddEventHandler(recorder.Handlers());
  informer.Start();
  ASSERT_TRUE(informer.WaitForSync(60s));
  EXPECT_NE(informer.store().Get("kube-system"), nullptr);
  EXPECT_NE(informer.store().Get("informer-before"), nullptr);
  EXPECT_TRUE(recorder.Saw("add default")) << recorder.Dump();

  // Creates, an update, a delete.
  ASSERT_TRUE(CreateNamespace(api, "informer-a").ok());
  ASSERT_TRUE(CreateNamespace(api, "informer-b").ok());
  ASSERT_TRUE(StatusOf(api.Do(RestRequest{.method = "PATCH",
                                          .path = "/api/v1/namespaces/informer-a",
                                          .body = R"({"metadata":{"labels":{"team":"a"}}})",
                                          .content_type = "application/merge-patch+json"}))
                  .ok());
  Status deleted = DeleteNamespace(api, "informer-before");
  ASSERT_TRUE(deleted.ok()) << deleted.ToString();
  EXPECT_TRUE(Eventually(
      [&] {
        return recorder.Saw("add informer-a") && recorder.Saw("add informer-b") &&
               recorder.Saw("update informer-a") && recorder.Saw("delete informer-before");
      },
      30s))
      << recorder.Dump();
  client::ObjectPtr a = informer.store().Get("informer-a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->at("metadata").at("labels").at("team").as_string(), "a");
  EXPECT_TRUE(Eventually([&] { return StoreContent(informer) == FreshList(api); }, 30s));
  EXPECT_EQ(StoreContent(informer), FreshList(api));

  // An outage: kube-apiserver goes away and comes back on the same port.
  Status stopped = (*server)->Stop();
  ASSERT_TRUE(stopped.ok()) << stopped.ToString();
  std::this_thread::sleep_for(3s);
  EXPECT_TRUE(informer.HasSynced());
  EXPECT_NE(informer.store().Get("informer-a"), nullptr);  // the cache outlives the outage
  Status started = (*server)->Start();
  ASSERT_TRUE(started.ok()) << started.ToString();

  ASSERT_TRUE(CreateNamespace(api, "informer-after").ok());
  Status deleted_b = DeleteNamespace(api, "informer-b");
  ASSERT_TRUE(deleted_b.ok()) << deleted_b.ToString();
  EXPECT_TRUE(Eventually(
      [&] { return recorder.Saw("add informer-after") && recorder.Saw("delete informer-b"); }, 90s))
      << recorder.Dump();
  EXPECT_TRUE(Eventually([&] { return StoreContent(informer) == FreshList(api); }, 30s));
  EXPECT_EQ(StoreContent(informer), FreshList(api));

  const auto stop_started = std::chrono::steady_clock::now();
  informer.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_started, 5s);
}

}  // namespace
}  // namespace navigator
