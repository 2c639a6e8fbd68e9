// RestClient (NewRestClient) against the real HTTPS server of navigator_http,
// in process on 127.0.0.1, with throw-away certificates.

#include <arpa/inet.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "navigator/client/rest_client.h"
#include "navigator/http/server.h"
#include "navigator/http/testing/test_pki.h"

namespace navigator::client {
namespace {

namespace fs = std::filesystem;
using ::navigator::http::testing::CaOptions;
using ::navigator::http::testing::CertificateOptions;
using ::navigator::http::testing::TestCertificate;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

TestCertificate MustSelfSign(const CertificateOptions& options) {
  auto cert = http::testing::SelfSign(options);
  EXPECT_TRUE(cert.ok()) << cert.status().ToString();
  return cert.ok() ? *cert : TestCertificate{};
}

TestCertificate MustIssue(const CertificateOptions& options, const TestCertificate& issuer) {
  auto cert = http::testing::Issue(options, issuer);
  EXPECT_TRUE(cert.ok()) << cert.status().ToString();
  return cert.ok() ? *cert : TestCertificate{};
}

std::string StatusBody(int code, std::string_view reason, std::string_view message) {
  return fmt::format(
      R"({{"kind":"Status","apiVersion":"v1","metadata":{{}},"status":"Failure","message":"{}","reason":"{}","details":{{"name":"x","kind":"pilots"}},"code":{}}})",
      message, reason, code);
}

class HttpsRestClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::path(::testing::TempDir()) / "rest_client_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    ca_ = MustSelfSign(CaOptions("test-ca"));
    other_ca_ = MustSelfSign(CaOptions("other-ca"));
    CertificateOptions serving;
    serving.common_name = "apiserver";
    serving.extended_key_usage = "serverAuth";
    serving.subject_alt_names = "DNS:localhost,IP:127.0.0.1";
    const TestCertificate server = MustIssue(serving, ca_);
    CertificateOptions client;
    client.common_name = "navigator";
    client.organizations = {"system:masters"};
    client_ = MustIssue(client, ca_);
    auto cert_file = http::testing::WriteTestFile(dir_, "server.crt", server.cert_pem);
    auto key_file = http::testing::WriteTestFile(dir_, "server.key", server.key_pem);
    ASSERT_TRUE(cert_file.ok() && key_file.ok());
    cert_file_ = *cert_file;
    key_file_ = *key_file;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void SetUp() override { StartServer(0); }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void StartServer(uint16_t port, std::chrono::seconds idle_timeout = 90s) {
    http::ServerOptions options;
    options.bind_address = "127.0.0.1";
    options.port = port;
    options.cert_file = cert_file_;
    options.key_file = key_file_;
    options.worker_threads = 4;
    options.idle_timeout = idle_timeout;
    server_ = std::make_unique<http::Server>(
        options,
        [this](const http::Request& request) {
          Handler handler;
          {
            std::lock_guard lock(mu_);
            requests_.push_back(request);
            handler = handler_;
          }
          return handler ? handler(request) : http::Response{.body = "ok"};
        },
        nullptr);
    const Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  using Handler = std::function<http::Response(const http::Request&)>;
  void SetHandler(Handler handler) {
    std::lock_guard lock(mu_);
    handler_ = std::move(handler);
  }
  std::vector<http::Request> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }
  std::set<std::string> peers() {
    std::set<std::string> out;
    for (const auto& request : requests()) out.insert(request.remote_address);
    return out;
  }

  RestConfig Config() const {
    RestConfig config;
    config.server = fmt::format("https://127.0.0.1:{}", server_->port());
    config.certificate_authority_pem = ca_.cert_pem;
    config.timeout = 5s;
    return config;
  }

  std::unique_ptr<RestClient> MustClient(RestConfig config) {
    auto client = NewRestClient(std::move(config));
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return client.ok() ? std::move(*client) : nullptr;
  }

  static inline std::string dir_;
  static inline TestCertificate ca_;
  static inline TestCertificate other_ca_;
  static inline TestCertificate client_;
  static inline std::string cert_file_;
  static inline std::string key_file_;

  std::unique_ptr<http::Server> server_;
  std::mutex mu_;
  Handler handler_;
  std::vector<http::Request> requests_;
};

TEST_F(HttpsRestClientTest, ReturnsTheBodyOf2xx) {
  SetHandler([](const http::Request& request) {
    return http::Response{.status = request.method == "POST" ? 201 : 200,
                          .body = request.method + " " + request.target + " " + request.body};
  });
  RestConfig config = Config();
  config.server += "/prefix/";
  config.user_agent = "navigator-test/1.0";
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  auto body = client->Do({.path = "/api/v1/namespaces?limit=1"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "GET /prefix/api/v1/namespaces?limit=1 ");
  body = client->Do({.method = "POST", .path = "/x", .body = "{\"a\":1}"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "POST /prefix/x {\"a\":1}");

  const auto seen = requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].Header("User-Agent"), "navigator-test/1.0");
  EXPECT_EQ(seen[0].Header("Accept"), "application/json");
  EXPECT_EQ(seen[0].Header("Authorization"), "");
  EXPECT_EQ(seen[0].Header("Content-Type"), "");
  EXPECT_EQ(seen[0].Header("Host"), fmt::format("127.0.0.1:{}", server_->port()));
  EXPECT_EQ(seen[1].Header("Content-Type"), "application/json");
  EXPECT_TRUE(seen[1].peer_certificates_der.empty());
}

TEST_F(HttpsRestClientTest, DecodesStatusBodies) {
  SetHandler([](const http::Request& request) {
    http::Response response;
    if (request.path == "/404") {
      response.status = 404;
      response.body = StatusBody(404, "NotFound", "pilots \\\"x\\\" not found");
    } else if (request.path == "/409a") {
      response.status = 409;
      response.body = StatusBody(409, "AlreadyExists", "pilots \\\"x\\\" already exists");
    } else if (request.path == "/409c") {
      response.status = 409;
      response.body = StatusBody(409, "Conflict", "the object has been modified");
    } else if (request.path == "/410") {
      response.status = 410;
      response.body = StatusBody(410, "Expired", "too old resource version: 1 (5)");
    } else if (request.path == "/422") {
      response.status = 422;
      response.body =
          R"({"kind":"Status","status":"Failure","message":"invalid","reason":"Invalid","code":422,"details":{"causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.x"}]}})";
    } else if (request.path == "/500") {
      response.status = 500;
      response.body = StatusBody(500, "InternalError", "boom");
    } else if (request.path == "/502") {
      response.status = 502;
      response.content_type = "text/html";
      response.body = "<html>bad gateway</html>";
    } else {
      response.status = 429;
      response.content_type = "text/plain";
      response.headers = {{"Retry-After", "4"}};
      response.body = "slow down";
    }
    return response;
  });
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  auto expect = [&](const std::string& path, StatusCode code, std::string_view message) {
    auto body = client->Do({.path = path});
    ASSERT_FALSE(body.ok()) << path;
    EXPECT_EQ(body.status().code(), code) << path << ": " << body.status().ToString();
    EXPECT_THAT(body.status().message(), HasSubstr(message));
  };
  expect("/404", StatusCode::kNotFound, "pilots \"x\" not found");
  expect("/409a", StatusCode::kAlreadyExists, "already exists");
  expect("/409c", StatusCode::kConflict, "has been modified");
  expect("/410", StatusCode::kGone, "too old resource version");
  expect("/422", StatusCode::kInvalid, "invalid");
  expect("/500", StatusCode::kInternal, "boom");
  expect("/502", StatusCode::kInternal, "answered HTTP 502: <html>bad gateway</html>");
  expect("/429", StatusCode::kTooManyRequests, "answered HTTP 429: slow down");

  auto body = client->Do({.path = "/404"});
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().details().name, "x");
  EXPECT_EQ(body.status().details().kind, "pilots");
  body = client->Do({.path = "/422"});
  ASSERT_FALSE(body.ok());
  ASSERT_EQ(body.status().details().causes.size(), 1u);
  EXPECT_EQ(body.status().details().causes[0].field, "spec.x");
  body = client->Do({.path = "/429"});
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().details().retry_after_seconds, 4);
  // Error answers keep the connection.
  EXPECT_EQ(peers().size(), 1u);
}

TEST_F(HttpsRestClientTest, ReusesKeepAliveConnections) {
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(client->Do({.path = "/"}).ok());
  EXPECT_EQ(peers().size(), 1u);

  // Concurrent callers get connections of their own, and the pool keeps at most 8.
  SetHandler([](const http::Request&) {
    std::this_thread::sleep_for(20ms);
    return http::Response{.body = "ok"};
  });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        if (!client->Do({.path = "/"}).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(peers().size(), 2u);
  EXPECT_LE(peers().size(), 5u);
}

TEST_F(HttpsRestClientTest, ReplacesConnectionsTheServerClosed) {
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  const uint16_t port = server_->port();
  server_->Stop();
  StartServer(port, 1s);
  auto body = client->Do({.path = "/"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  // The new server's idle time-out closes the pooled connection.
  std::this_thread::sleep_for(1500ms);
  body = client->Do({.method = "POST", .path = "/"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(peers().size(), 3u);
}

TEST_F(HttpsRestClientTest, TimesOut) {
  SetHandler([](const http::Request&) {
    std::this_thread::sleep_for(1500ms);
    return http::Response{.body = "late"};
  });
  RestConfig config = Config();
  config.timeout = 300ms;
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  const auto start = std::chrono::steady_clock::now();
  auto body = client->Do({.path = "/"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kTimeout) << body.status().ToString();
  EXPECT_THAT(body.status().message(), HasSubstr("did not answer within 300 ms"));
  EXPECT_LT(elapsed, 1s);
}

TEST_F(HttpsRestClientTest, RefusesAServerCertificateOfAnotherCa) {
  RestConfig config = Config();
  config.certificate_authority_pem = other_ca_.cert_pem;
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  auto body = client->Do({.path = "/"});
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kServiceUnavailable);
  EXPECT_THAT(body.status().message(),
              HasSubstr(fmt::format("cannot reach https://127.0.0.1:{}: TLS handshake: "
                                    "certificate verify failed",
                                    server_->port())));
  EXPECT_TRUE(requests().empty());

  // The system trust store does not know the test CA either.
  config.certificate_authority_pem.clear();
  client = MustClient(config);
  ASSERT_TRUE(client);
  body = client->Do({.path = "/"});
  ASSERT_FALSE(body.ok());
  EXPECT_THAT(body.status().message(), HasSubstr("certificate verify failed"));
}

TEST_F(HttpsRestClientTest, VerifiesTheServerName) {
  RestConfig config = Config();
  config.tls_server_name = "kubernetes.example";
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  auto body = client->Do({.path = "/"});
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kServiceUnavailable);
  EXPECT_THAT(body.status().message(), HasSubstr("hostname mismatch"));

  // By name (resolved) and by tls-server-name.
  config = Config();
  config.server = fmt::format("https://localhost:{}", server_->port());
  client = MustClient(config);
  ASSERT_TRUE(client);
  body = client->Do({.path = "/"});
  EXPECT_TRUE(body.ok()) << body.status().ToString();
  config = Config();
  config.tls_server_name = "localhost";
  client = MustClient(config);
  ASSERT_TRUE(client);
  body = client->Do({.path = "/"});
  EXPECT_TRUE(body.ok()) << body.status().ToString();
}

TEST_F(HttpsRestClientTest, InsecureSkipsVerification) {
  RestConfig config = Config();
  config.certificate_authority_pem.clear();
  config.tls_server_name = "kubernetes.example";
  config.insecure_skip_tls_verify = true;
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  auto body = client->Do({.path = "/"});
  EXPECT_TRUE(body.ok()) << body.status().ToString();
}

TEST_F(HttpsRestClientTest, PresentsTheClientCertificate) {
  RestConfig config = Config();
  config.client_certificate_pem = client_.cert_pem;
  config.client_key_pem = client_.key_pem;
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  const auto seen = requests();
  ASSERT_EQ(seen.size(), 1u);
  ASSERT_FALSE(seen[0].peer_certificates_der.empty());
  EXPECT_EQ(seen[0].peer_certificates_der[0], client_.der);
}

TEST_F(HttpsRestClientTest, SendsBearerTokensAndFollowsTheTokenFile) {
  RestConfig config = Config();
  config.bearer_token = "static-token";
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  EXPECT_EQ(requests().back().Header("Authorization"), "Bearer static-token");

  const std::string file = dir_ + "/token";
  std::ofstream(file) << "token-1\n";
  config.bearer_token_file = file;
  client = MustClient(config);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  EXPECT_EQ(requests().back().Header("Authorization"), "Bearer token-1");
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  EXPECT_EQ(requests().back().Header("Authorization"), "Bearer token-1");

  // Rotation as the kubelet does it: a new file renamed over the old one.
  std::ofstream(file + ".new") << "token-2";
  fs::rename(file + ".new", file);
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  EXPECT_EQ(requests().back().Header("Authorization"), "Bearer token-2");
  // A file gone missing keeps the last token.
  fs::remove(file);
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  EXPECT_EQ(requests().back().Header("Authorization"), "Bearer token-2");
}

TEST_F(HttpsRestClientTest, RefusesUnusableConfigs) {
  const TestCertificate other = MustIssue(CertificateOptions{.common_name = "other"}, ca_);
  auto expect = [&](RestConfig config, std::string_view message) {
    auto client = NewRestClient(std::move(config));
    ASSERT_FALSE(client.ok()) << message;
    EXPECT_EQ(client.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(client.status().message(), HasSubstr(message));
  };
  RestConfig config = Config();
  config.server = "http://127.0.0.1:8080";
  expect(config, "http:// is refused");
  config = Config();
  config.server.clear();
  expect(config, "no server URL");
  config = Config();
  config.certificate_authority_pem = "not pem";
  expect(config, "certificate authority: no PEM certificate found");
  config = Config();
  config.certificate_authority_pem =
      ca_.cert_pem + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  expect(config, "certificate authority: PEM certificate 2 is malformed");
  config = Config();
  config.client_certificate_pem = client_.cert_pem;
  expect(config, "a client certificate needs its client key");
  config.client_certificate_pem.clear();
  config.client_key_pem = client_.key_pem;
  expect(config, "a client key needs its client certificate");
  config.client_certificate_pem = "garbage";
  expect(config, "client certificate: not a PEM certificate");
  config.client_certificate_pem = client_.cert_pem;
  config.client_key_pem = other.key_pem;
  expect(config, "does not match the client certificate");
  config = Config();
  config.bearer_token_file = dir_ + "/no-such-token";
  expect(config, "bearer token file " + dir_ + "/no-such-token: No such file or directory");
  config = Config();
  config.timeout = 0ms;
  expect(config, "timeout");
}

TEST_F(HttpsRestClientTest, ReportsUnreachableServers) {
  // A port bound but not listening: refused, and no one else can take it.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const uint16_t port = ntohs(address.sin_port);
  RestConfig config = Config();
  config.server = fmt::format("https://127.0.0.1:{}", port);
  auto client = MustClient(config);
  ASSERT_TRUE(client);
  auto body = client->Do({.path = "/"});
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kServiceUnavailable);
  EXPECT_THAT(body.status().message(),
              HasSubstr(fmt::format("cannot reach https://127.0.0.1:{}: connecting: ", port)));
  std::atomic<bool> cancel{false};
  const Status status = client->Stream(
      "/watch", [](std::string_view) { return true; }, cancel);
  EXPECT_EQ(status.code(), StatusCode::kServiceUnavailable);
  ::close(fd);
}

// A streamed answer whose producer writes `pieces` one per call, each
// after `gate(i)` returns.
http::Response Streamed(std::vector<std::string> pieces,
                        std::function<void(std::size_t)> gate = nullptr) {
  http::Response response;
  auto next = std::make_shared<std::size_t>(0);
  response.stream = [pieces = std::move(pieces), gate = std::move(gate),
                     next](http::ChunkSink& sink) {
    if (*next >= pieces.size()) return false;
    if (gate) gate(*next);
    sink.Write(pieces[(*next)++]);
    return *next < pieces.size();
  };
  return response;
}

TEST_F(HttpsRestClientTest, StreamsLinesAcrossChunks) {
  std::atomic<int> delivered{0};
  SetHandler([&](const http::Request&) {
    return Streamed({"{\"type\":\"ADDED\"}\n{\"ty", "pe\":\"MODIFIED\"}\n",
                     "\n{\"type\":", "\"DELETED\"}\r\nlast"},
                    [&](std::size_t i) {
                      // The second piece waits for the first line to arrive:
                      // lines are delivered as they come.
                      if (i != 1) return;
                      for (int n = 0; n < 500 && delivered.load() == 0; ++n) {
                        std::this_thread::sleep_for(10ms);
                      }
                    });
  });
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  std::vector<std::string> lines;
  std::atomic<bool> cancel{false};
  const Status status = client->Stream(
      "/watch?watch=true",
      [&](std::string_view line) {
        lines.emplace_back(line);
        ++delivered;
        return true;
      },
      cancel);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_THAT(lines, ::testing::ElementsAre("{\"type\":\"ADDED\"}", "{\"type\":\"MODIFIED\"}",
                                            "{\"type\":\"DELETED\"}", "last"));
  EXPECT_EQ(requests().back().target, "/watch?watch=true");
}

TEST_F(HttpsRestClientTest, StreamStopsWhenOnLineSaysSo) {
  SetHandler([](const http::Request& request) {
    http::Response response;
    if (request.path != "/watch") return response;
    response.stream = [](http::ChunkSink& sink) {
      sink.Write("{\"n\":1}\n");
      return true;
    };
    return response;
  });
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  int count = 0;
  std::atomic<bool> cancel{false};
  const Status status = client->Stream(
      "/watch", [&](std::string_view) { return ++count < 3; }, cancel);
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(count, 3);
  // The stream's connection is not reused.
  ASSERT_TRUE(client->Do({.path = "/"}).ok());
  EXPECT_EQ(peers().size(), 2u);
}

TEST_F(HttpsRestClientTest, StreamReturnsSoonAfterCancel) {
  SetHandler([](const http::Request&) {
    http::Response response;
    response.stream = [](http::ChunkSink&) {
      return true;
    };  // silence
    return response;
  });
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(300ms);
    cancel = true;
  });
  const auto start = std::chrono::steady_clock::now();
  const Status status = client->Stream(
      "/watch", [](std::string_view) { return true; }, cancel);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  canceller.join();
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_LT(elapsed, 1500ms);
}

TEST_F(HttpsRestClientTest, StreamRefusesOversizedLines) {
  SetHandler([](const http::Request&) {
    http::Response response;
    auto sent = std::make_shared<int>(0);
    response.stream = [sent](http::ChunkSink& sink) {
      if (*sent >= 20) return false;
      ++*sent;
      sink.Write(std::string(1024 * 1024, 'x'));
      return true;
    };
    return response;
  });
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  std::atomic<bool> cancel{false};
  const Status status = client->Stream(
      "/watch", [](std::string_view) { return true; }, cancel);
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("is over 16 MiB"));
}

TEST_F(HttpsRestClientTest, StreamDecodesErrors) {
  SetHandler([](const http::Request&) {
    return http::Response{.status = 410,
                          .body = StatusBody(410, "Expired", "too old resource version")};
  });
  auto client = MustClient(Config());
  ASSERT_TRUE(client);
  std::atomic<bool> cancel{false};
  const Status status = client->Stream(
      "/watch", [](std::string_view) { return true; }, cancel);
  EXPECT_EQ(status.code(), StatusCode::kGone);
  EXPECT_EQ(status.message(), "too old resource version");
}

}  // namespace
}  // namespace navigator::client
