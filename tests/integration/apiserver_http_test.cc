// navigator-apiserver over HTTPS against a real etcd: the request path end to
// end, optimistic concurrency under contention, and every kind of bad input
// the server must survive.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "navigator/apiserver/apiserver.h"
#include "navigator/http/testing/tls_client.h"
#include "tests/support/etcd_server.h"

namespace navigator {
namespace {

using http::testing::ClientResponse;
using http::testing::TlsClient;
using ::testing::HasSubstr;

constexpr char kEscPath[] =
    "/apis/navigator.jetstack.io/v1alpha1/namespaces/default/elasticsearchclusters";
const http::NameValues kJson = {{"Content-Type", "application/json"}};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string QuickStartEsJson() {
  return ReadFile(std::string(NAVIGATOR_SOURCE_DIR) +
                  "/src/navigator/api/navigator/testdata/es-cluster-demo.request.json");
}

class ApiServerHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto etcd = test_support::EtcdServer::Start();
    ASSERT_TRUE(etcd.ok()) << etcd.status().ToString();
    etcd_ = std::move(*etcd);
    cert_dir_ = std::filesystem::temp_directory_path() /
                fmt::format("navigator-it-{}-{}", getpid(), counter_++);
    StartServer();
  }

  void TearDown() override {
    if (server_) server_->Stop();
    std::filesystem::remove_all(cert_dir_);
  }

  void StartServer() {
    apiserver::Options options;
    options.etcd_servers = {etcd_->endpoint()};
    options.bind_address = "127.0.0.1";
    options.secure_port = 0;
    options.cert_dir = cert_dir_.string();
    // Standalone: no cluster to delegate authentication, authorization or
    // namespace checks to (tests/integration/delegation_test.cc has one).
    options.delegation.authorization_mode = apiserver::AuthorizationMode::kAlwaysAllow;
    options.delegation.disable_admission_plugins = {apiserver::kNamespaceLifecycle};
    options.request_timeout_seconds = 5;
    server_ = std::make_unique<apiserver::ApiServer>(options, SystemClock::Instance(), random_);
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::unique_ptr<TlsClient> Connect() {
    auto c = TlsClient::Connect(
        "127.0.0.1", server_->port(),
        {.ca_file = (cert_dir_ / "apiserver.crt").string(), .verify_host = "127.0.0.1"});
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }

  ClientResponse Do(std::string_view method, std::string_view target, std::string body = {},
                    const http::NameValues& headers = kJson) {
    if (!client_) client_ = Connect();
    auto r = client_->Do(method, target, std::move(body), headers);
    if (!r.ok()) {
      // The server may close a connection after a bad request; reconnect once.
      client_ = Connect();
      r = client_->Do(method, target, std::string(), headers);
    }
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : ClientResponse{};
  }

  static inline int counter_ = 0;
  DefaultRandom random_;
  std::unique_ptr<test_support::EtcdServer> etcd_;
  std::filesystem::path cert_dir_;
  std::unique_ptr<apiserver::ApiServer> server_;
  std::unique_ptr<TlsClient> client_;
};

TEST_F(ApiServerHttpTest, CreateGetListReplaceDeleteOnRealEtcd) {
  auto created = Do("POST", kEscPath, QuickStartEsJson());
  ASSERT_EQ(created.status, 201) << created.body;
  auto obj = boost::json::parse(created.body);
  EXPECT_EQ(obj.at("spec").at("nodePools").at(0).at("replicas"), 3);
  EXPECT_EQ(obj.at("metadata").at("generation"), 1);

  auto got = Do("GET", std::string(kEscPath) + "/demo");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(boost::json::parse(got.body), obj);

  auto listed = boost::json::parse(Do("GET", kEscPath).body);
  EXPECT_EQ(listed.at("kind"), "ElasticsearchClusterList");
  EXPECT_EQ(listed.at("items").as_array().size(), 1u);

  obj.at("spec").at("nodePools").at(1).as_object()["replicas"] = 4;
  auto replaced = Do("PUT", std::string(kEscPath) + "/demo", boost::json::serialize(obj));
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(boost::json::parse(replaced.body).at("metadata").at("generation"), 2);

  EXPECT_EQ(Do("DELETE", std::string(kEscPath) + "/demo").status, 200);
  EXPECT_EQ(Do("GET", std::string(kEscPath) + "/demo").status, 404);
}

TEST_F(ApiServerHttpTest, ConcurrentIncrementsThroughPutLoseNothing) {
  ASSERT_EQ(Do("POST", kEscPath, QuickStartEsJson()).status, 201);
  constexpr int kWriters = 8, kIncrements = 20;
  const std::string path = std::string(kEscPath) + "/demo";
  std::atomic<int> conflicts{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      auto client = Connect();
      ASSERT_TRUE(client);
      for (int i = 0; i < kIncrements; ++i) {
        for (;;) {
          auto got = client->Do("GET", path);
          ASSERT_TRUE(got.ok());
          auto obj = boost::json::parse(got->body);
          auto& pool = obj.at("spec").at("nodePools").at(1).as_object();
          pool["replicas"] = pool["replicas"].as_int64() + 1;
          auto put = client->Do("PUT", path, boost::json::serialize(obj), kJson);
          ASSERT_TRUE(put.ok());
          if (put->status == 200) break;
          ASSERT_EQ(put->status, 409) << put->body;
          conflicts++;
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  auto final_obj = boost::json::parse(Do("GET", path).body);
  EXPECT_EQ(final_obj.at("spec").at("nodePools").at(1).at("replicas"), 2 + kWriters * kIncrements);
  EXPECT_EQ(final_obj.at("metadata").at("generation"), 1 + kWriters * kIncrements);
  RecordProperty("conflicts", conflicts.load());
}

TEST_F(ApiServerHttpTest, BadInputGetsAClearErrorAndTheServerKeepsServing) {
  ASSERT_EQ(Do("POST", kEscPath, QuickStartEsJson()).status, 201);
  const std::string before = Do("GET", std::string(kEscPath) + "/demo").body;

  struct Case {
    std::string name;
    std::string method;
    std::string target;
    std::string body;
    int code;
    std::string message;
  };
  std::string es = QuickStartEsJson();
  auto replace = [&](std::string from, std::string to) {
    std::string s = es;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::vector<Case> cases = {
      {"body over 3 MiB", "POST", kEscPath, std::string(3 * 1024 * 1024 + 10, ' '), 413,
       "too large"},
      {"malformed JSON", "POST", kEscPath, "{\"apiVersion\": ", 400, "malformed JSON"},
      {"deep nesting", "POST", kEscPath, std::string(5000, '[') + std::string(5000, ']'), 400,
       "deeper than the limit"},
      {"wrong apiVersion", "POST", kEscPath, replace("navigator.jetstack.io/v1alpha1", "v1"), 400,
       "is not served"},
      {"wrong kind", "POST", kEscPath, replace("\"ElasticsearchCluster\"", "\"CassandraCluster\""),
       400, "does not match the resource"},
      {"namespace mismatch", "POST", kEscPath,
       replace("\"name\": \"demo\"", "\"name\": \"demo\", \"namespace\": \"elsewhere\""), 400,
       "does not match the namespace"},
      {"name mismatch", "PUT", std::string(kEscPath) + "/other", es, 400,
       "does not match the name"},
      {"unknown resource", "GET",
       "/apis/navigator.jetstack.io/v1alpha1/namespaces/default/kafkaclusters", "", 404,
       "kafkaclusters is not a resource"},
      {"wrong field type", "POST", kEscPath, replace("\"replicas\": 3", "\"replicas\": \"3\""), 400,
       "spec.nodePools[0].replicas: expected an integer"},
      {"invalid object", "POST", kEscPath, replace("\"master\"\n", "\"chef\"\n"), 422,
       "spec.nodePools[0].roles[0]: Unsupported value: \"chef\""},
      {"bad percent escape", "GET", std::string(kEscPath) + "/%zz", "", 400, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = Do(c.method, c.target, c.body);
    EXPECT_EQ(r.status, c.code) << r.body;
    boost::json::error_code ec;
    auto status = boost::json::parse(r.body, ec);
    ASSERT_FALSE(ec) << "not JSON: " << r.body;
    EXPECT_EQ(status.at("kind"), "Status") << r.body;
    EXPECT_THAT(std::string(status.at("message").as_string()), HasSubstr(c.message));
  }

  // Oversized headers and bytes that are not HTTP at all.
  {
    auto c = Connect();
    ASSERT_TRUE(c);
    http::NameValues big;  // 20 x 60 KiB: over the 1 MiB header limit
    for (int i = 0; i < 20; ++i)
      big.emplace_back(fmt::format("X-Big-{}", i), std::string(60 << 10, 'a'));
    auto r = c->Do("GET", kEscPath, {}, big);
    EXPECT_TRUE(!r.ok() || (r->status >= 400 && r->status < 500));
  }
  {
    auto c = Connect();
    ASSERT_TRUE(c);
    ASSERT_TRUE(c->WriteRaw("\x16\x03 this is not HTTP\r\n\r\n").ok());
    EXPECT_TRUE(c->WaitForClose(std::chrono::seconds(5)));
  }

  // Nothing stored was touched, and everybody else is still served.
  EXPECT_EQ(Do("GET", std::string(kEscPath) + "/demo").body, before);
  EXPECT_EQ(Do("GET", "/readyz").status, 200);
}

TEST_F(ApiServerHttpTest, EtcdOutageIsReportedAndRecovered) {
  ASSERT_EQ(Do("POST", kEscPath, QuickStartEsJson()).status, 201);
  ASSERT_TRUE(etcd_->Stop().ok());
  auto ready = Do("GET", "/readyz?verbose");
  EXPECT_NE(ready.status, 200);
  EXPECT_THAT(ready.body, HasSubstr("[-]etcd failed"));
  auto get = Do("GET", std::string(kEscPath) + "/demo");
  EXPECT_TRUE(get.status == 503 || get.status == 504) << get.status << " " << get.body;
  EXPECT_THAT(get.body, HasSubstr("etcd"));

  ASSERT_TRUE(etcd_->Restart().ok());
  bool recovered = false;
  for (int i = 0; i < 100 && !recovered; ++i) {
    recovered = Do("GET", std::string(kEscPath) + "/demo").status == 200;
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(recovered);
  EXPECT_EQ(Do("GET", "/readyz").status, 200);
}

TEST_F(ApiServerHttpTest, SelfSignedCertificateIsReusedOnRestart) {
  const std::string cert = ReadFile((cert_dir_ / "apiserver.crt").string());
  ASSERT_FALSE(cert.empty());
  client_.reset();
  server_->Stop();
  StartServer();
  EXPECT_EQ(ReadFile((cert_dir_ / "apiserver.crt").string()), cert);
  EXPECT_EQ(Do("GET", "/healthz").status, 200);
}

TEST_F(ApiServerHttpTest, GenerateNameOverHttps) {
  std::string body = R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",
                         "metadata":{"generateName":"pilot-"}})";
  auto r = Do("POST", "/apis/navigator.jetstack.io/v1alpha1/namespaces/default/pilots", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_THAT(std::string(boost::json::parse(r.body).at("metadata").at("name").as_string()),
              ::testing::MatchesRegex("pilot-[a-z0-9]{5}"));
}

}  // namespace
}  // namespace navigator
