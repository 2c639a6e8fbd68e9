// Watches over HTTPS against a real etcd: resuming after an apiserver
// restart, compaction, a thousand concurrent watchers, and a stalled watcher
// that must not hold the others up.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "navigator/apiserver/apiserver.h"
#include "navigator/http/testing/tls_client.h"
#include "navigator/storage/etcd3_storage.h"
#include "tests/support/etcd_server.h"

namespace navigator {
namespace {

using namespace std::chrono_literals;
using http::testing::TlsClient;

constexpr char kPilots[] = "/apis/navigator.jetstack.io/v1alpha1/namespaces/default/pilots";
const http::NameValues kJson = {{"Content-Type", "application/json"}};

std::string Pilot(std::string_view name, std::size_t padding = 0) {
  return fmt::format(R"({{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
                     R"("metadata":{{"name":"{}","annotations":{{"pad":"{}"}}}}}})",
                     name, std::string(padding, 'x'));
}

// One watch request, read event by event.
class WatchStream {
 public:
  static std::unique_ptr<WatchStream> Open(std::unique_ptr<TlsClient> client,
                                           std::string_view target) {
    if (!client) return nullptr;
    auto stream = std::unique_ptr<WatchStream>(new WatchStream(std::move(client)));
    if (!stream->client_
             ->WriteRaw(fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: "
                                    "application/json\r\n\r\n",
                                    target))
             .ok()) {
      return nullptr;
    }
    auto header = stream->client_->ReadResponseHeader();
    if (!header.ok()) {
      ADD_FAILURE() << "watch " << target << ": " << header.status().ToString();
      return nullptr;
    }
    if (header->status != 200) {
      auto body = stream->client_->ReadChunk();
      ADD_FAILURE() << "watch " << target << ": HTTP " << header->status << " "
                    << (body.ok() && body->has_value() ? **body : std::string());
      return nullptr;
    }
    return stream;
  }

  // The next event, or null once the stream ended or failed.
  std::optional<boost::json::value> Next() {
    while (true) {
      if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return boost::json::parse(line);
      }
      auto chunk = client_->ReadChunk();
      if (!chunk.ok() || !chunk->has_value()) return std::nullopt;
      buffer_ += **chunk;
    }
  }

  TlsClient& client() { return *client_; }

 private:
  explicit WatchStream(std::unique_ptr<TlsClient> client) : client_(std::move(client)) {}
  std::unique_ptr<TlsClient> client_;
  std::string buffer_;
};

std::string Describe(const boost::json::value& event) {
  const auto& object = event.at("object");
  if (event.at("type") == "ERROR") {
    return fmt::format("ERROR {}", boost::json::value_to<int64_t>(object.at("code")));
  }
  return fmt::format("{} {}", std::string_view(event.at("type").as_string()),
                     std::string_view(object.at("metadata").at("name").as_string()));
}

std::string ResourceVersion(const boost::json::value& object) {
  return std::string(object.at("metadata").at("resourceVersion").as_string());
}

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two file descriptors per watcher (client and server side).
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    auto etcd = test_support::EtcdServer::Start();
    ASSERT_TRUE(etcd.ok()) << etcd.status().ToString();
    etcd_ = std::move(*etcd);
    cert_dir_ =
        std::filesystem::temp_directory_path() / fmt::format("navigator-watch-{}", getpid());
  }

  void TearDown() override {
    if (server_) server_->Stop();
    std::filesystem::remove_all(cert_dir_);
  }

  void StartServer(int watch_buffer_size = 1000) {
    apiserver::Options options;
    options.etcd_servers = {etcd_->endpoint()};
    options.bind_address = "127.0.0.1";
    options.secure_port = 0;
    options.cert_dir = cert_dir_.string();
    // Standalone: no cluster to delegate authentication, authorization or
    // namespace checks to (tests/integration/delegation_test.cc has one).
    options.delegation.authorization_mode = apiserver::AuthorizationMode::kAlwaysAllow;
    options.delegation.disable_admission_plugins = {apiserver::kNamespaceLifecycle};
    options.watch_buffer_size = watch_buffer_size;
    options.etcd_compaction_interval_seconds = 0;
    server_ = std::make_unique<apiserver::ApiServer>(options, SystemClock::Instance(), random_);
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Reads may wait long: a watch is idle until the test writes, and a
  // thousand handshakes under ASan on two busy cores take a while.
  std::unique_ptr<TlsClient> Connect() {
    auto c = TlsClient::Connect("127.0.0.1", server_->port(),
                                {.ca_file = (cert_dir_ / "apiserver.crt").string(),
                                 .verify_host = "127.0.0.1",
                                 .timeout = std::chrono::minutes(5)});
    return c.ok() ? std::move(*c) : nullptr;
  }

  http::testing::ClientResponse Do(std::string_view method, std::string_view target,
                                   std::string body = {}) {
    auto client = Connect();
    EXPECT_NE(client, nullptr);
    if (!client) return {};
    auto r = client->Do(method, target, std::move(body), kJson);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : http::testing::ClientResponse{};
  }

  std::string Create(std::string_view name, std::size_t padding = 0) {
    auto r = Do("POST", kPilots, Pilot(name, padding));
    EXPECT_EQ(r.status, 201) << r.body;
    return ResourceVersion(boost::json::parse(r.body));
  }

  DefaultRandom random_;
  std::unique_ptr<test_support::EtcdServer> etcd_;
  std::filesystem::path cert_dir_;
  std::unique_ptr<apiserver::ApiServer> server_;
};

TEST_F(WatchTest, AWatchResumedAfterARestartSeesEveryChangeExactlyOnce) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Create("a");
  auto watch = WatchStream::Open(Connect(), fmt::format("{}?watch=true", kPilots));
  ASSERT_NE(watch, nullptr);
  auto first = watch->Next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(Describe(*first), "ADDED a");
  Create("b");
  auto second = watch->Next();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(Describe(*second), "ADDED b");
  const std::string last_seen = ResourceVersion(second->at("object"));
  watch.reset();

  // Changes the client misses: before the restart, and after it.
  Create("c");
  EXPECT_EQ(Do("DELETE", fmt::format("{}/a", kPilots)).status, 200);
  server_->Stop();
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Create("d");
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto merged =
      client->Do("PATCH", fmt::format("{}/b", kPilots), R"({"metadata":{"labels":{"x":"y"}}})",
                 {{"Content-Type", "application/merge-patch+json"}});
  ASSERT_TRUE(merged.ok());
  ASSERT_EQ(merged->status, 200) << merged->body;

  auto resumed = WatchStream::Open(
      Connect(), fmt::format("{}?watch=true&resourceVersion={}", kPilots, last_seen));
  ASSERT_NE(resumed, nullptr);
  std::vector<std::string> seen;
  for (int i = 0; i < 4; ++i) {
    auto e = resumed->Next();
    ASSERT_TRUE(e.has_value());
    seen.push_back(Describe(*e));
  }
  EXPECT_THAT(seen, ::testing::ElementsAre("ADDED c", "DELETED a", "ADDED d", "MODIFIED b"));
  // Nothing else follows: a new write is the very next event.
  Create("e");
  auto next = resumed->Next();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(Describe(*next), "ADDED e");
}

TEST_F(WatchTest, AWatchFromACompactedRevisionGets410) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string rv = Create("a");
  Create("b");
  Create("c");
  auto storage = storage::Etcd3Storage::New({.endpoints = {etcd_->endpoint()}});
  ASSERT_TRUE(storage.ok());
  ASSERT_TRUE((*storage)->Compact((*storage)->CurrentRevision().value()).ok());
  auto watch =
      WatchStream::Open(Connect(), fmt::format("{}?watch=true&resourceVersion={}", kPilots, rv));
  ASSERT_NE(watch, nullptr);
  auto e = watch->Next();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(Describe(*e), "ERROR 410");
  EXPECT_EQ(e->at("object").at("reason"), "Expired");
  EXPECT_FALSE(watch->Next().has_value());  // and the stream ends
}

TEST_F(WatchTest, AThousandWatchersEachReceiveEveryEventDespiteAStalledOne) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  constexpr int kWatchers = 1000;
  constexpr int kWrites = 50;
  const std::string start = Create("seed");

  // A client that starts a watch and then never reads.
  auto stalled =
      WatchStream::Open(Connect(), fmt::format("{}?watch=true&resourceVersion={}", kPilots, start));
  ASSERT_NE(stalled, nullptr);

  std::atomic<int> ready{0}, complete{0}, failed{0};
  std::vector<std::thread> threads;
  threads.reserve(kWatchers);
  for (int w = 0; w < kWatchers; ++w) {
    threads.emplace_back([&] {
      auto watch = WatchStream::Open(
          Connect(), fmt::format("{}?watch=true&resourceVersion={}", kPilots, start));
      if (!watch) {
        ++failed;
        ++ready;
        return;
      }
      ++ready;
      for (int i = 0; i < kWrites; ++i) {
        auto e = watch->Next();
        if (!e || Describe(*e) != fmt::format("ADDED p{}", i)) {
          ++failed;
          return;
        }
      }
      ++complete;
    });
  }
  for (int i = 0; i < 30000 && ready < kWatchers; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(ready, kWatchers);

  const auto burst = std::chrono::steady_clock::now();
  auto writer = Connect();
  ASSERT_NE(writer, nullptr);
  for (int i = 0; i < kWrites; ++i) {
    auto r = writer->Do("POST", kPilots, Pilot(fmt::format("p{}", i)), kJson);
    ASSERT_TRUE(r.ok() && r->status == 201);
  }
  for (auto& t : threads) t.join();
  const auto took = std::chrono::steady_clock::now() - burst;
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(complete, kWatchers);
  EXPECT_LT(took, 120s);
  RecordProperty(
      "burst_delivery_ms",
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
}

TEST_F(WatchTest, AStalledWatcherIsClosedInsteadOfBeingWaitedFor) {
  ASSERT_NO_FATAL_FAILURE(StartServer(/*watch_buffer_size=*/20));
  const std::string start = Create("seed");
  auto stalled =
      WatchStream::Open(Connect(), fmt::format("{}?watch=true&resourceVersion={}", kPilots, start));
  auto reader =
      WatchStream::Open(Connect(), fmt::format("{}?watch=true&resourceVersion={}", kPilots, start));
  ASSERT_TRUE(stalled && reader);
  // Big objects, so the stalled client's socket buffers fill and its queue
  // (20 events) overflows.
  constexpr int kWrites = 300;
  std::thread writer([&] {
    auto client = Connect();
    for (int i = 0; i < kWrites; ++i) {
      auto r = client->Do("POST", kPilots, Pilot(fmt::format("p{}", i), 200 * 1024), kJson);
      if (!r.ok() || r->status != 201) ADD_FAILURE() << "write " << i;
    }
  });
  for (int i = 0; i < kWrites; ++i) {
    auto e = reader->Next();
    ASSERT_TRUE(e.has_value()) << "event " << i;
    ASSERT_EQ(Describe(*e), fmt::format("ADDED p{}", i));
  }
  writer.join();
  // The stalled client, reading at last, finds its stream cut short.
  int got = 0;
  while (auto e = stalled->Next()) ++got;
  EXPECT_LT(got, kWrites);
}

}  // namespace
}  // namespace navigator
