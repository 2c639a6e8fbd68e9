// An Informer on /api/v1/namespaces against a real kube-apiserver (the
// KubeApiServer fixture): it sees creates, updates and deletes, its store ends
// equal to a fresh list, and it carries on after kube-apiserver is stopped and
// started again. An Informer on every ConfigMap stays exact under a storm of
// concurrent writes, and lists again when its watch's resourceVersion has
// been compacted away while kube-apiserver was down.

#include "navigator/client/informer.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "navigator/client/rest_client.h"
#include "navigator/client/watch_event.h"
#include "navigator/storage/etcd3_storage.h"
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

// store key -> resourceVersion of a fresh (single-page) list of `path`.
std::map<std::string, std::string> FreshKeys(RestClient& client, const std::string& path) {
  std::map<std::string, std::string> out;
  Result<std::string> body = client.Do(RestRequest{.path = path});
  if (!body.ok()) return {{"<error>", body.status().ToString()}};
  Result<client::ListPage> page = client::ParseListPage(*body);
  if (!page.ok()) return {{"<error>", page.status().ToString()}};
  for (const json::object& item : page->items) {
    out[*client::ObjectKey(item)] = client::ObjectResourceVersion(item);
  }
  return out;
}

// store key -> resourceVersion of the informer's store.
std::map<std::string, std::string> StoreKeys(const Informer& informer) {
  std::map<std::string, std::string> out;
  for (const client::ObjectPtr& object : informer.store().List()) {
    out[*client::ObjectKey(*object)] = client::ObjectResourceVersion(*object);
  }
  return out;
}

// resourceVersions are etcd revisions behind kube-apiserver, so this test may
// order them (clients in general must treat them as opaque).
int64_t Rv(const json::object& object) {
  const std::string rv = client::ObjectResourceVersion(object);
  return rv.empty() ? -1 : std::stoll(rv);
}

// Every handler delivery, per store key, checked for well-formedness.
class EventLog {
 public:
  struct Event {
    char type;       // 'a'dd, 'u'pdate, 'd'elete
    int64_t rv;      // of the object delivered (the new one for updates)
    int64_t old_rv;  // updates: of the old object
  };

  client::EventHandlers Handlers() {
    return {
        .on_add =
            [this](const json::object& o) {
              Record(o, {'a', Rv(o), -1});
            },
        .on_update =
            [this](const json::object& old_object, const json::object& o) {
              Record(o, {'u', Rv(o), Rv(old_object)});
            },
        .on_delete =
            [this](const json::object& o) {
              Record(o, {'d', Rv(o), -1});
            },
    };
  }

  size_t events() const {
    std::lock_guard lock(mu_);
    return count_;
  }
  std::vector<Event> Of(const std::string& key) const {
    std::lock_guard lock(mu_);
    auto it = by_key_.find(key);
    return it == by_key_.end() ? std::vector<Event>{} : it->second;
  }

  // The problems with the deliveries given the final content `final_state`
  // (key -> resourceVersion): per key, add (update)* delete, again and again;
  // an update's old object is the previous delivery's; resourceVersions
  // increase (a delete may repeat the last one: a re-list that finds an
  // object gone delivers its last stored state); the last delivery is the
  // final state (an add or update at its resourceVersion, or a delete when
  // the key is gone). Empty when all is well.
  std::vector<std::string> Problems(const std::map<std::string, std::string>& final_state) const {
    std::lock_guard lock(mu_);
    std::vector<std::string> problems;
    auto problem = [&](const std::string& key, const std::string& what) {
      problems.push_back(fmt::format("{}: {} ({})", key, what, Describe(by_key_.at(key))));
    };
    for (const auto& [key, events] : by_key_) {
      bool present = false;
      int64_t last_rv = -1;
      for (const Event& e : events) {
        if (e.type == 'a' && present) problem(key, "add while present");
        if (e.type != 'a' && !present) problem(key, fmt::format("'{}' while absent", e.type));
        if (e.type == 'u' && e.old_rv != last_rv) problem(key, "update's old object skipped one");
        if (e.type == 'd' ? e.rv < last_rv : e.rv <= last_rv) {
          problem(key, "resourceVersion went back");
        }
        present = e.type != 'd';
        last_rv = e.rv;
      }
      auto final_rv = final_state.find(key);
      if (final_rv == final_state.end()) {
        if (present) problem(key, "last delivery is no delete but the key is gone");
      } else if (!present || std::to_string(last_rv) != final_rv->second) {
        problem(key, fmt::format("last delivery is not the final state {}", final_rv->second));
      }
    }
    for (const auto& [key, rv] : final_state) {
      if (!by_key_.contains(key)) problems.push_back(fmt::format("{}: never delivered", key));
    }
    return problems;
  }

 private:
  static std::string Describe(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events) out += fmt::format("{}{} ", e.type, e.rv);
    return out;
  }
  void Record(const json::object& object, Event event) {
    std::lock_guard lock(mu_);
    by_key_[*client::ObjectKey(object)].push_back(event);
    ++count_;
  }

  mutable std::mutex mu_;
  std::map<std::string, std::vector<Event>> by_key_;
  size_t count_ = 0;
};

// Counts the list requests (GETs without watch=) that go through it.
class CountingClient : public RestClient {
 public:
  explicit CountingClient(RestClient& inner) : inner_(inner) {}
  Result<std::string> Do(const RestRequest& request) override {
    if (request.method == "GET" && request.path.find("watch=") == std::string::npos &&
        request.path.find("continue=") == std::string::npos) {
      ++lists_;
    }
    return inner_.Do(request);
  }
  Status Stream(std::string_view path, const std::function<bool(std::string_view line)>& on_line,
                const std::atomic<bool>& cancel) override {
    return inner_.Stream(path, on_line, cancel);
  }
  int lists() const { return lists_.load(); }

 private:
  RestClient& inner_;
  std::atomic<int> lists_{0};
};

std::string ConfigMapBody(std::string_view name, std::string_view writer, std::string_view value) {
  return json::serialize(json::object{
      {"apiVersion", "v1"},
      {"kind", "ConfigMap"},
      {"metadata", {{"name", name}, {"labels", {{"storm", "yes"}, {"writer", writer}}}}},
      {"data", {{"v", value}}}});
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

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

// Four writers create, update (changing a label) and delete ConfigMaps in two
// namespaces as fast as they can while an Informer on every ConfigMap runs.
// The store ends equal to a fresh list, the label index agrees with it, and
// the deliveries per key are well-formed and end in the final state.
TEST(InformerControlPlaneTest, StaysExactUnderAWriteStorm) {
  if (Result<std::string> binary = test_support::TestBinary("kube-apiserver"); !binary.ok()) {
    GTEST_SKIP() << binary.status().message();
  }
  Result<std::unique_ptr<KubeApiServer>> server = KubeApiServer::Create();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  Result<std::unique_ptr<RestClient>> rest = client::NewRestClient((*server)->admin_config());
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  RestClient& api = **rest;
  const std::vector<std::string> namespaces = {"storm-a", "storm-b"};
  for (const std::string& ns : namespaces) ASSERT_TRUE(CreateNamespace(api, ns).ok());

  EventLog log;
  Informer informer(api, {.path = "/api/v1/configmaps", .page_size = 50});
  informer.AddEventHandler(log.Handlers());
  informer.Start();
  ASSERT_TRUE(informer.WaitForSync(60s));

  constexpr int kWriters = 4;
  constexpr int kOpsPerWriter = 150;
  constexpr int kNamesPerNamespace = 15;
  std::atomic<int> done{0}, expected_failures{0};
  std::mutex unexpected_mu;
  std::vector<std::string> unexpected;
  const auto storm_started = std::chrono::steady_clock::now();
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      Result<std::unique_ptr<RestClient>> own = client::NewRestClient((*server)->admin_config());
      if (!own.ok()) {
        std::lock_guard lock(unexpected_mu);
        unexpected.push_back(own.status().ToString());
        return;
      }
      std::mt19937 random(20240605u + static_cast<unsigned>(w));  // seeded: reproducible mix
      const std::string writer = fmt::format("w{}", w);
      for (int i = 0; i < kOpsPerWriter; ++i) {
        const std::string& ns = namespaces[random() % namespaces.size()];
        const std::string name = fmt::format("cm-{}", random() % kNamesPerNamespace);
        const std::string collection = fmt::format("/api/v1/namespaces/{}/configmaps", ns);
        const std::string value = fmt::format("{}-{}", writer, i);
        const unsigned op = random() % 100;
        RestRequest request;
        if (op < 40) {
          request = {
              .method = "POST", .path = collection, .body = ConfigMapBody(name, writer, value)};
        } else if (op < 75) {
          request = {
              .method = "PATCH",
              .path = collection + "/" + name,
              .body = json::serialize(json::object{{"metadata", {{"labels", {{"writer", writer}}}}},
                                                   {"data", {{"v", value}}}}),
              .content_type = "application/merge-patch+json"};
        } else {
          request = {.method = "DELETE", .path = collection + "/" + name};
        }
        Result<std::string> result = (*own)->Do(request);
        ++done;
        if (result.ok()) continue;
        const StatusCode code = result.status().code();
        if (code == StatusCode::kNotFound || code == StatusCode::kAlreadyExists ||
            code == StatusCode::kConflict) {
          ++expected_failures;  // lost a race with another writer
        } else {
          std::lock_guard lock(unexpected_mu);
          unexpected.push_back(
              fmt::format("{} {}: {}", request.method, request.path, result.status().ToString()));
        }
      }
    });
  }
  for (std::thread& t : writers) t.join();
  const auto storm_time = std::chrono::steady_clock::now() - storm_started;
  EXPECT_TRUE(unexpected.empty()) << fmt::format("{}", fmt::join(unexpected, "\n"));
  EXPECT_EQ(done.load(), kWriters * kOpsPerWriter);

  // Converges: the store equals a fresh list, keys and resourceVersions.
  const auto converge_started = std::chrono::steady_clock::now();
  EXPECT_TRUE(
      Eventually([&] { return StoreKeys(informer) == FreshKeys(api, "/api/v1/configmaps"); }, 60s));
  const auto converge_time = std::chrono::steady_clock::now() - converge_started;
  const std::map<std::string, std::string> final_state = FreshKeys(api, "/api/v1/configmaps");
  ASSERT_FALSE(final_state.contains("<error>")) << final_state.begin()->second;
  EXPECT_EQ(StoreKeys(informer), final_state);

  // The label index agrees with the store.
  for (int w = 0; w < kWriters; ++w) {
    const std::string writer = fmt::format("w{}", w);
    std::set<std::string> expected, indexed;
    for (const client::ObjectPtr& o : informer.store().List()) {
      const json::value* labels = o->at("metadata").as_object().if_contains("labels");
      const json::value* label =
          labels == nullptr ? nullptr : labels->as_object().if_contains("writer");
      if (label != nullptr && label->as_string() == writer) expected.insert(*client::ObjectKey(*o));
    }
    for (const client::ObjectPtr& o : informer.store().ByLabel("writer", writer)) {
      indexed.insert(*client::ObjectKey(*o));
    }
    EXPECT_EQ(indexed, expected) << writer;
  }
  size_t storm_objects = 0;
  for (const std::string& ns : namespaces) storm_objects += informer.store().ByNamespace(ns).size();
  EXPECT_EQ(informer.store().ByLabel("storm", "yes").size(), storm_objects);

  const std::vector<std::string> problems = log.Problems(final_state);
  EXPECT_TRUE(problems.empty()) << fmt::format("{}", fmt::join(problems, "\n"));

  std::printf(
      "[ storm    ] %d writes (%d lost races) in %.2f s (%.0f/s); %zu deliveries; store "
      "converged %.2f s after the last write; %zu objects at the end\n",
      done.load(), expected_failures.load(), Seconds(storm_time), done.load() / Seconds(storm_time),
      log.events(), Seconds(converge_time), final_state.size());
  informer.Stop();
}

// The Informer's watch is cut while kube-apiserver is down; meanwhile
// ConfigMaps are deleted straight in etcd and etcd is compacted past the
// informer's resourceVersion. When kube-apiserver is back the resumed watch
// gets 410 Gone, the Informer lists again, and the deletes made during the
// gap reach the handlers as on_delete.
TEST(InformerControlPlaneTest, ListsAgainAfterCompaction) {
  if (Result<std::string> binary = test_support::TestBinary("kube-apiserver"); !binary.ok()) {
    GTEST_SKIP() << binary.status().message();
  }
  Result<std::unique_ptr<KubeApiServer>> server = KubeApiServer::Create();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  Result<std::unique_ptr<RestClient>> rest = client::NewRestClient((*server)->admin_config());
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  RestClient& api = **rest;
  Result<std::unique_ptr<storage::Etcd3Storage>> etcd =
      storage::Etcd3Storage::New({.endpoints = {(*server)->etcd().endpoint()}});
  ASSERT_TRUE(etcd.ok()) << etcd.status().ToString();

  const std::string ns = "compacted";
  const std::string collection = fmt::format("/api/v1/namespaces/{}/configmaps", ns);
  ASSERT_TRUE(CreateNamespace(api, ns).ok());
  constexpr int kObjects = 10;
  for (int i = 0; i < kObjects; ++i) {
    ASSERT_TRUE(
        StatusOf(api.Do(RestRequest{.method = "POST",
                                    .path = collection,
                                    .body = ConfigMapBody(fmt::format("cm-{}", i), "w", "0")}))
            .ok());
  }

  CountingClient counting(api);
  EventLog log;
  Informer informer(counting, {.path = collection});
  informer.AddEventHandler(log.Handlers());
  informer.Start();
  ASSERT_TRUE(informer.WaitForSync(60s));
  EXPECT_EQ(counting.lists(), 1);
  const std::string first_list_rv = informer.store().resource_version();

  // Many changes the informer follows by watching (history to compact).
  for (int round = 0; round < 10; ++round) {
    for (int i = 0; i < kObjects; ++i) {
      ASSERT_TRUE(
          StatusOf(api.Do(RestRequest{.method = "PATCH",
                                      .path = fmt::format("{}/cm-{}", collection, i),
                                      .body = fmt::format(R"({{"data":{{"v":"{}"}}}})", round + 1),
                                      .content_type = "application/merge-patch+json"}))
              .ok());
    }
  }
  EXPECT_TRUE(Eventually([&] { return StoreKeys(informer) == FreshKeys(api, collection); }, 30s));
  EXPECT_EQ(counting.lists(), 1);  // all of that came by watch
  const int64_t watched_rv = std::stoll(informer.LastSyncResourceVersion());

  // The gap: kube-apiserver down, three objects deleted in etcd, etcd compacted.
  const auto gap_started = std::chrono::steady_clock::now();
  Status stopped = (*server)->Stop();
  ASSERT_TRUE(stopped.ok()) << stopped.ToString();
  const std::vector<std::string> gone = {"cm-1", "cm-4", "cm-7"};
  for (const std::string& name : gone) {
    Result<storage::KeyValue> deleted =
        (*etcd)->Delete(fmt::format("/registry/configmaps/{}/{}", ns, name), nullptr);
    ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  }
  Result<int64_t> revision = (*etcd)->CurrentRevision();
  ASSERT_TRUE(revision.ok()) << revision.status().ToString();
  ASSERT_GT(*revision, watched_rv + 1);
  Status compacted = (*etcd)->Compact(*revision);
  ASSERT_TRUE(compacted.ok()) << compacted.ToString();
  EXPECT_TRUE(informer.HasSynced());
  EXPECT_EQ(informer.store().size(), static_cast<size_t>(kObjects));  // nothing seen yet
  Status started = (*server)->Start();
  ASSERT_TRUE(started.ok()) << started.ToString();
  const auto apiserver_back = std::chrono::steady_clock::now();

  // The watch from watched_rv is refused (410), the informer lists again.
  EXPECT_TRUE(Eventually(
      [&] {
        for (const std::string& name : gone) {
          const std::vector<EventLog::Event> events = log.Of(fmt::format("{}/{}", ns, name));
          if (events.empty() || events.back().type != 'd') return false;
        }
        return true;
      },
      90s));
  const auto relist_time = std::chrono::steady_clock::now() - apiserver_back;
  EXPECT_GE(counting.lists(), 2);
  EXPECT_NE(informer.store().resource_version(), first_list_rv);
  EXPECT_GE(std::stoll(informer.store().resource_version()), *revision);
  EXPECT_TRUE(Eventually([&] { return StoreKeys(informer) == FreshKeys(api, collection); }, 30s));
  const std::map<std::string, std::string> final_state = FreshKeys(api, collection);
  EXPECT_EQ(StoreKeys(informer), final_state);
  EXPECT_EQ(final_state.size(), static_cast<size_t>(kObjects) - gone.size());
  for (const std::string& name : gone) {
    EXPECT_EQ(informer.store().Get(fmt::format("{}/{}", ns, name)), nullptr) << name;
  }
  const std::vector<std::string> problems = log.Problems(final_state);
  EXPECT_TRUE(problems.empty()) << fmt::format("{}", fmt::join(problems, "\n"));

  // And it watches again: a change after the re-list arrives.
  ASSERT_TRUE(StatusOf(api.Do(RestRequest{.method = "PATCH",
                                          .path = collection + "/cm-0",
                                          .body = R"({"data":{"v":"after"}})",
                                          .content_type = "application/merge-patch+json"}))
                  .ok());
  EXPECT_TRUE(Eventually(
      [&] {
        client::ObjectPtr cm = informer.store().Get(ns + "/cm-0");
        return cm != nullptr && cm->at("data").at("v").as_string() == "after";
      },
      30s));
  std::printf(
      "[ compact  ] watched to rv %lld, compacted at %lld; %d lists; deletes delivered %.2f s "
      "after kube-apiserver was back (%.2f s after the gap began)\n",
      static_cast<long long>(watched_rv), static_cast<long long>(*revision), counting.lists(),
      Seconds(relist_time), Seconds(std::chrono::steady_clock::now() - gap_started));
  informer.Stop();
}

}  // namespace
}  // namespace navigator
