#include "navigator/http/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "navigator/base/clock.h"
#include "navigator/base/logging.h"
#include "navigator/http/self_signed.h"
#include "navigator/http/testing/tls_client.h"

namespace navigator::http {
namespace {

namespace fs = std::filesystem;
using ::navigator::http::testing::ClientResponse;
using ::navigator::http::testing::TlsClient;
using ::navigator::http::testing::TlsClientOptions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// A Kubernetes-style Status body, as the apiserver's ErrorResponder renders it.
Response KubeError(const Status& status) {
  Response response;
  response.status = HttpStatus(status.code());
  response.body = std::string(R"({"kind":"Status","apiVersion":"v1","status":"Failure",)") +
                  R"("message":")" + status.message() + R"(","reason":")" +
                  std::string(Reason(status.code())) + R"(","code":)" +
                  std::to_string(response.status) + "}";
  return response;
}

// Echoes the request: the body as body, the rest in headers.
Response Echo(const Request& request) {
  Response response;
  response.content_type = "text/plain";
  std::string query;
  for (const auto& [name, value] : request.query) query += name + "=" + value + ";";
  response.headers = {{"X-Method", request.method},
                      {"X-Path", request.path},
                      {"X-Query", query},
                      {"X-Test", std::string(request.Header("x-test"))},
                      {"X-Remote", request.remote_address}};
  response.body = request.body;
  return response;
}

std::string Millis(SteadyClock::duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + "ms";
}

// Sends `bytes` over plain TCP and reports whether the server closes the
// connection within `timeout`.
bool ServerClosesRawTcp(uint16_t port, std::string_view bytes, std::chrono::milliseconds timeout) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::asio::write(socket, boost::asio::buffer(bytes.data(), bytes.size()));
  const auto deadline = SteadyClock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left <= 0ms) return false;
    pollfd fd{socket.native_handle(), POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[1024];
    const ssize_t n = recv(socket.native_handle(), buffer, sizeof(buffer), 0);
    if (n <= 0) return true;  // EOF or reset
  }
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::path(::testing::TempDir()) / "server_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    cert_root_ = pattern;
    auto paths = EnsureSelfSignedCertificate(cert_root_ + "/certs", {"localhost"}, {"127.0.0.1"},
                                             SystemClock::Instance());
    ASSERT_TRUE(paths.ok()) << paths.status().ToString();
    cert_file_ = paths->cert_file;
    key_file_ = paths->key_file;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(cert_root_, ec);
  }

  static ServerOptions TestOptions() {
    ServerOptions options;
    options.bind_address = "127.0.0.1";
    options.port = 0;
    options.cert_file = cert_file_;
    options.key_file = key_file_;
    options.io_threads = 1;
    options.worker_threads = 4;
    return options;
  }

  void StartServer(ServerOptions options, Handler handler = Echo) {
    server_ = std::make_unique<Server>(std::move(options), std::move(handler), KubeError);
    const Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
  }

  std::unique_ptr<TlsClient> Connect(TlsClientOptions options = {}) {
    auto client = TlsClient::Connect("127.0.0.1", port_, std::move(options));
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return client.ok() ? *std::move(client) : nullptr;
  }

  static inline std::string cert_root_;
  static inline std::string cert_file_;
  static inline std::string key_file_;
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

TEST_F(ServerTest, EchoRoundTrip) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("POST", "/echo?x=1", "hello", {{"X-Test", "Value"}});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(response->Header("content-type"), "text/plain");
  EXPECT_EQ(response->Header("x-method"), "POST");
  EXPECT_EQ(response->Header("x-path"), "/echo");
  EXPECT_EQ(response->Header("x-query"), "x=1;");
  EXPECT_EQ(response->Header("x-test"), "Value");
  EXPECT_EQ(response->Header("x-remote"), "127.0.0.1:" + std::to_string(client->local_port()));
  EXPECT_THAT(std::string(response->Header("date")), HasSubstr("GMT"));
  EXPECT_EQ(response->Header("content-length"), "5");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto requests = std::make_shared<std::atomic<int>>(0);
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [requests](const Request& request) {
    ++*requests;
    return Echo(request);
  }));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  const std::string remote = "127.0.0.1:" + std::to_string(client->local_port());
  for (int i = 0; i < 5; ++i) {
    auto response = client->Do("PUT", "/item/" + std::to_string(i), "body " + std::to_string(i));
    ASSERT_TRUE(response.ok()) << "request " << i << ": " << response.status().ToString();
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "body " + std::to_string(i));
    EXPECT_EQ(response->Header("x-remote"), remote);
    EXPECT_NE(response->Header("connection"), "close");
  }
  // HEAD: the length of the body that a GET would get, and no body.
  auto head = client->Do("HEAD", "/item", "");
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->status, 200);
  EXPECT_THAT(head->body, IsEmpty());
  auto after_head = client->Do("GET", "/after-head");
  ASSERT_TRUE(after_head.ok()) << after_head.status().ToString();
  EXPECT_EQ(after_head->Header("x-path"), "/after-head");
  EXPECT_EQ(*requests, 7);
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("GET", "/bye", "", {{"Connection", "close"}});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(client->WaitForClose(2s));
}

TEST_F(ServerTest, RejectsADeclaredOversizedBodyWithoutReadingIt) {
  auto called = std::make_shared<std::atomic<bool>>(false);
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [called](const Request& request) {
    *called = true;
    return Echo(request);
  }));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  // Only the header: the server must answer without waiting for the body.
  ASSERT_TRUE(client
                  ->WriteRaw("POST /apis/x HTTP/1.1\r\nHost: localhost\r\n"
                             "Content-Type: application/json\r\nContent-Length: 4194304\r\n\r\n")
                  .ok());
  auto response = client->ReadResponse();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 413);
  EXPECT_THAT(response->body, HasSubstr(R"("reason":"RequestEntityTooLarge")"));
  EXPECT_THAT(response->body, HasSubstr("Request entity too large: limit is 3145728"));
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(client->WaitForClose(3s));
  EXPECT_FALSE(*called);
}

TEST_F(ServerTest, RejectsAnOversizedBodySentInFull) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("POST", "/apis/x", std::string(4 * 1024 * 1024, 'x'));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(client->WaitForClose(3s));

  // Others are still served.
  auto other = Connect();
  ASSERT_NE(other, nullptr);
  auto ok = other->Do("POST", "/apis/x", std::string(1024, 'y'));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, RejectsAnOversizedChunkedBody) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024 * 1024;
  auto called = std::make_shared<std::atomic<bool>>(false);
  ASSERT_NO_FATAL_FAILURE(StartServer(options, [called](const Request& request) {
    *called = true;
    return Echo(request);
  }));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client
                  ->WriteRaw("POST /apis/x HTTP/1.1\r\nHost: localhost\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n")
                  .ok());
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'z') + "\r\n";
  // 2 MiB in 64 KiB chunks; the server may stop reading before the end.
  for (int i = 0; i < 32; ++i) {
    if (!client->WriteRaw(chunk).ok()) break;
  }
  (void)client->WriteRaw("0\r\n\r\n");
  auto response = client->ReadResponse();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 413);
  EXPECT_THAT(response->body, HasSubstr("limit is 1048576"));
  EXPECT_FALSE(*called);
}

TEST_F(ServerTest, AcceptsBodiesAtTheLimit) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024 * 1024;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("POST", "/x", std::string(1024 * 1024, 'a'));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body.size(), 1024u * 1024u);

  // The same size, chunked.
  const std::string chunk = "40000\r\n" + std::string(0x40000, 'b') + "\r\n";
  std::string request = "POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) request += chunk;
  request += "0\r\n\r\n";
  ASSERT_TRUE(client->WriteRaw(request).ok());
  auto chunked = client->ReadResponse();
  ASSERT_TRUE(chunked.ok()) << chunked.status().ToString();
  EXPECT_EQ(chunked->status, 200);
  EXPECT_EQ(chunked->body, std::string(1024 * 1024, 'b'));
}

TEST_F(ServerTest, Expect100ContinueGetsAnInterimResponse) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client
                  ->WriteRaw("POST /x HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                             "Content-Length: 5\r\n\r\n")
                  .ok());
  auto interim = client->ReadResponse();
  ASSERT_TRUE(interim.ok()) << interim.status().ToString();
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client->WriteRaw("hello").ok());
  auto response = client->ReadResponse();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
}

TEST_F(ServerTest, OversizedHeadersGetA400AndACloseWhileOthersAreServed) {
  ServerOptions options = TestOptions();
  options.max_header_bytes = 8 * 1024;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  auto bystander = Connect();
  auto offender = Connect();
  ASSERT_TRUE(bystander && offender);
  auto response = offender->Do("GET", "/x", "", {{"X-Big", std::string(16 * 1024, 'h')}});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 400);
  EXPECT_THAT(response->body, HasSubstr("request header fields too large"));
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(offender->WaitForClose(3s));

  auto ok = bystander->Do("GET", "/fine", "", {{"X-Small", std::string(4 * 1024, 's')}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, GarbageDoesNotDisturbOthers) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto bystander = Connect();
  ASSERT_NE(bystander, nullptr);

  // Not TLS at all.
  EXPECT_TRUE(ServerClosesRawTcp(port_, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 3s));
  EXPECT_TRUE(ServerClosesRawTcp(port_, std::string("\x00\xff\x13garbage\r\n\r\n", 14), 3s));

  // TLS, then not HTTP.
  auto garbage = Connect();
  ASSERT_NE(garbage, nullptr);
  ASSERT_TRUE(garbage->WriteRaw("\x01\x02 this is not HTTP\r\n\r\n").ok());
  auto response = garbage->ReadResponse();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 400);
  EXPECT_THAT(response->body, HasSubstr("malformed HTTP request"));
  EXPECT_TRUE(garbage->WaitForClose(3s));

  auto ok = bystander->Do("GET", "/still-here");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, ASlowClientIsDroppedAfterTheReadTimeoutWhileOthersAreServed) {
  ServerOptions options = TestOptions();
  options.read_timeout = 1s;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  auto slow = Connect();
  ASSERT_NE(slow, nullptr);
  const auto start = SteadyClock::now();
  ASSERT_TRUE(slow->WriteRaw("GET /slow HTTP/1.1\r\nHost: localhost\r\nX-Partial: ").ok());

  // Others are served meanwhile, on new and on kept-alive connections.
  auto other = Connect();
  ASSERT_NE(other, nullptr);
  for (int i = 0; i < 3; ++i) {
    auto ok = other->Do("GET", "/other");
    ASSERT_TRUE(ok.ok()) << ok.status().ToString();
    EXPECT_EQ(ok->status, 200);
    std::this_thread::sleep_for(100ms);
  }

  auto response = slow->ReadResponse();
  const auto elapsed = SteadyClock::now() - start;
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 504);
  EXPECT_THAT(response->body, HasSubstr(R"("reason":"Timeout")"));
  EXPECT_TRUE(slow->WaitForClose(2s));
  EXPECT_GE(elapsed, 900ms) << Millis(elapsed);
  EXPECT_LT(elapsed, 4s) << Millis(elapsed);
}

TEST_F(ServerTest, ASilentClientIsClosedWithoutAResponse) {
  ServerOptions options = TestOptions();
  options.read_timeout = 1s;
  options.idle_timeout = 1s;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  auto silent = Connect();
  ASSERT_NE(silent, nullptr);
  const auto start = SteadyClock::now();
  EXPECT_TRUE(silent->WaitForClose(4s));
  EXPECT_GE(SteadyClock::now() - start, 900ms);

  // Idle after a request: closed after idle_timeout.
  auto idle = Connect();
  ASSERT_NE(idle, nullptr);
  ASSERT_TRUE(idle->Do("GET", "/x").ok());
  EXPECT_TRUE(idle->WaitForClose(4s));
}

TEST_F(ServerTest, PercentDecodesPathAndQuery) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("GET", "/api/v1/a%20b/c%2Fd?x=1%262&y=a+b&empty&x=%7E");
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Header("x-path"), "/api/v1/a b/c/d");
  EXPECT_EQ(response->Header("x-query"), "x=1&2;y=a b;empty=;x=~;");

  // A malformed escape is a 400 from the ErrorResponder; the connection stays.
  auto bad = client->Do("GET", "/api/v1/a%zz");
  ASSERT_TRUE(bad.ok()) << bad.status().ToString();
  EXPECT_EQ(bad->status, 400);
  EXPECT_THAT(bad->body, HasSubstr(R"("reason":"BadRequest")"));
  EXPECT_THAT(bad->body, HasSubstr("invalid URL escape"));
  auto bad_query = client->Do("GET", "/api?x=%4");
  ASSERT_TRUE(bad_query.ok()) << bad_query.status().ToString();
  EXPECT_EQ(bad_query->status, 400);

  auto after = client->Do("GET", "/after");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->status, 200);
}

TEST_F(ServerTest, ABlockingHandlerDoesNotBlockOtherConnections) {
  ServerOptions options = TestOptions();
  options.io_threads = 1;
  options.worker_threads = 2;
  ASSERT_NO_FATAL_FAILURE(StartServer(options, [](const Request& request) {
    if (request.path == "/slow") std::this_thread::sleep_for(300ms);
    return Echo(request);
  }));
  auto slow_client = Connect();
  auto fast_client = Connect();
  ASSERT_TRUE(slow_client && fast_client);

  const auto start = SteadyClock::now();
  auto slow = std::async(std::launch::async, [&] {
    auto response = slow_client->Do("GET", "/slow");
    return std::make_pair(response.ok() ? response->status : 0, SteadyClock::now() - start);
  });
  std::this_thread::sleep_for(50ms);
  const auto fast_start = SteadyClock::now();
  auto fast = fast_client->Do("GET", "/fast");
  const auto fast_elapsed = SteadyClock::now() - fast_start;
  ASSERT_TRUE(fast.ok()) << fast.status().ToString();
  EXPECT_EQ(fast->status, 200);
  EXPECT_LT(fast_elapsed, 200ms) << Millis(fast_elapsed);

  const auto [slow_status, slow_elapsed] = slow.get();
  EXPECT_EQ(slow_status, 200);
  EXPECT_GE(slow_elapsed, 300ms);
}

TEST_F(ServerTest, ManyClientsOnSeveralIoThreads) {
  ServerOptions options = TestOptions();
  options.io_threads = 2;
  options.worker_threads = 3;
  auto requests = std::make_shared<std::atomic<int>>(0);
  ASSERT_NO_FATAL_FAILURE(StartServer(options, [requests](const Request& request) {
    ++*requests;
    return Echo(request);
  }));
  constexpr int kClients = 6;
  constexpr int kRequests = 15;
  std::vector<std::future<int>> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::async(std::launch::async, [this, c] {
      int ok = 0;
      auto client = TlsClient::Connect("127.0.0.1", port_);
      if (!client.ok()) return ok;
      for (int i = 0; i < kRequests; ++i) {
        const std::string body = std::to_string(c) + "/" + std::to_string(i);
        auto response = (*client)->Do("POST", "/c/" + body, body);
        if (response.ok() && response->status == 200 && response->body == body) ++ok;
      }
      return ok;
    }));
  }
  for (auto& client : clients) EXPECT_EQ(client.get(), kRequests);
  EXPECT_EQ(*requests, kClients * kRequests);
}

TEST_F(ServerTest, AThrowingHandlerGetsA500) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [](const Request& request) -> Response {
    if (request.path == "/throw") throw std::runtime_error("boom");
    if (request.path == "/bad-status") return Response{.status = 42};
    return Echo(request);
  }));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("GET", "/throw");
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 500);
  EXPECT_THAT(response->body, HasSubstr(R"("reason":"InternalError")"));
  auto bad_status = client->Do("GET", "/bad-status");
  ASSERT_TRUE(bad_status.ok()) << bad_status.status().ToString();
  EXPECT_EQ(bad_status->status, 500);
  auto after = client->Do("GET", "/after");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->status, 200);
}

TEST_F(ServerTest, StreamsChunksFromAProducer) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [](const Request&) {
    Response response;
    response.headers = {{"X-Stream", "yes"}};
    response.body = "first\n";
    auto next = std::make_shared<int>(0);
    response.stream = [next](ChunkSink& sink) {
      const int i = (*next)++;
      sink.Write("event-" + std::to_string(i) + "\n");
      if (i == 1) sink.Write("extra\n");
      return i < 3;
    };
    return response;
  }));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->WriteRaw("GET /watch HTTP/1.1\r\nHost: localhost\r\n\r\n").ok());
  auto header = client->ReadResponseHeader();
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(header->status, 200);
  EXPECT_EQ(header->Header("transfer-encoding"), "chunked");
  EXPECT_EQ(header->Header("content-type"), "application/json");
  EXPECT_EQ(header->Header("x-stream"), "yes");
  std::vector<std::string> chunks;
  for (;;) {
    auto chunk = client->ReadChunk();
    ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
    if (!chunk->has_value()) break;
    chunks.push_back(**chunk);
  }
  // What one producer call writes goes out as one chunk (one TLS write).
  EXPECT_THAT(chunks,
              ElementsAre("first\n", "event-0\n", "event-1\nextra\n", "event-2\n", "event-3\n"));
  EXPECT_TRUE(client->WaitForClose(2s));
}

TEST_F(ServerTest, StreamsToHttp10ClientsUntilTheConnectionEnds) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [](const Request&) {
    Response response;
    auto next = std::make_shared<int>(0);
    response.stream = [next](ChunkSink& sink) {
      sink.Write("event-" + std::to_string((*next)++) + "\n");
      return *next < 3;
    };
    return response;
  }));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->WriteRaw("GET /watch HTTP/1.0\r\n\r\n").ok());
  // Read to the end of the connection, which a TLS close_notify marks.
  auto response = client->ReadResponse();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Header("transfer-encoding"), "");
  EXPECT_EQ(response->body, "event-0\nevent-1\nevent-2\n");
}

TEST_F(ServerTest, AStreamEndsWhenTheClientGoesAway) {
  struct State {
    std::atomic<int> calls{0};
    std::atomic<bool> destroyed{false};
  };
  auto state = std::make_shared<State>();
  // Set when the producer (and what it captured) is destroyed: the stream is over.
  struct Guard {
    std::shared_ptr<State> state;
    ~Guard() { state->destroyed = true; }
  };
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [state](const Request&) {
    Response response;
    // An idle watch: writes nothing, waits a little per call.
    response.stream = [state, guard = std::make_shared<Guard>(Guard{state})](ChunkSink& sink) {
      ++state->calls;
      std::this_thread::sleep_for(20ms);
      return !sink.closed();
    };
    return response;
  }));
  {
    auto client = Connect();
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->WriteRaw("GET /watch HTTP/1.1\r\nHost: localhost\r\n\r\n").ok());
    auto header = client->ReadResponseHeader();
    ASSERT_TRUE(header.ok()) << header.status().ToString();
    EXPECT_EQ(header->status, 200);
    std::this_thread::sleep_for(100ms);
  }  // the client disconnects
  for (int i = 0; i < 200 && !state->destroyed; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(state->destroyed);
  const int calls = state->calls;
  EXPECT_GE(calls, 1);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(state->calls, calls);
}

TEST_F(ServerTest, AWakerCallsAnIdleProducerAgainRightAway) {
  struct State {
    std::atomic<int> calls{0};
    std::function<void()> waker;
    std::mutex mu;
  };
  auto state = std::make_shared<State>();
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [state](const Request&) {
    Response response;
    response.stream = [state](ChunkSink& sink) {
      const int call = ++state->calls;
      if (call == 1) {
        std::lock_guard lock(state->mu);
        state->waker = sink.Waker();
        return true;  // idle: without a wake, the next call is a second away
      }
      sink.Write("woken\n");
      return false;
    };
    return response;
  }));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->WriteRaw("GET /watch HTTP/1.1\r\nHost: localhost\r\n\r\n").ok());
  ASSERT_TRUE(client->ReadResponseHeader().ok());
  for (int i = 0; i < 100 && state->calls < 1; ++i) std::this_thread::sleep_for(5ms);
  const auto start = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(state->mu);
    ASSERT_TRUE(state->waker);
    state->waker();
  }
  auto chunk = client->ReadChunk();
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  ASSERT_TRUE(chunk->has_value());
  EXPECT_EQ(**chunk, "woken\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
}

TEST_F(ServerTest, AWritingStreamStopsWhenTheClientGoesAway) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [calls](const Request&) {
    Response response;
    response.stream = [calls](ChunkSink& sink) {
      ++*calls;
      std::this_thread::sleep_for(5ms);
      return sink.Write(std::string(1024, 'e'));
    };
    return response;
  }));
  {
    auto client = Connect();
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->WriteRaw("GET /watch HTTP/1.1\r\nHost: localhost\r\n\r\n").ok());
    ASSERT_TRUE(client->ReadResponseHeader().ok());
    for (int i = 0; i < 3; ++i) {
      auto chunk = client->ReadChunk();
      ASSERT_TRUE(chunk.ok() && chunk->has_value());
      EXPECT_EQ(chunk->value().size(), 1024u);
    }
  }
  // The producer stops being called.
  int last = -1;
  const auto deadline = SteadyClock::now() + 3s;
  while (SteadyClock::now() < deadline && last != *calls) {
    last = *calls;
    std::this_thread::sleep_for(300ms);
  }
  EXPECT_EQ(last, *calls);
}

TEST_F(ServerTest, StopWithOpenConnectionsReturnsPromptly) {
  ServerOptions options = TestOptions();
  options.idle_timeout = 60s;
  options.read_timeout = 60s;
  ASSERT_NO_FATAL_FAILURE(StartServer(options, [](const Request& request) -> Response {
    if (request.path != "/watch") return Echo(request);
    Response response;
    response.stream = [](ChunkSink& sink) {
      std::this_thread::sleep_for(10ms);
      return !sink.closed();
    };
    return response;
  }));
  auto fresh = Connect();      // handshake done, no request yet
  auto idle = Connect();       // between requests
  auto partial = Connect();    // in the middle of a request
  auto streaming = Connect();  // receiving a stream
  ASSERT_TRUE(fresh && idle && partial && streaming);
  ASSERT_TRUE(idle->Do("GET", "/x").ok());
  ASSERT_TRUE(partial->WriteRaw("GET /x HTTP/1.1\r\nHost: local").ok());
  ASSERT_TRUE(streaming->WriteRaw("GET /watch HTTP/1.1\r\nHost: localhost\r\n\r\n").ok());
  ASSERT_TRUE(streaming->ReadResponseHeader().ok());

  const auto start = SteadyClock::now();
  server_->Stop();
  const auto elapsed = SteadyClock::now() - start;
  EXPECT_LT(elapsed, 1s) << Millis(elapsed);
  EXPECT_TRUE(fresh->WaitForClose(1s));
  EXPECT_TRUE(idle->WaitForClose(1s));
  EXPECT_TRUE(partial->WaitForClose(1s));
  EXPECT_TRUE(streaming->WaitForClose(1s));

  server_->Stop();  // idempotent
  EXPECT_FALSE(TlsClient::Connect("127.0.0.1", port_, {.timeout = 1000ms}).ok());
}

TEST_F(ServerTest, StopBeforeStartAndDestructionAreFine) {
  Server never_started(TestOptions(), Echo, KubeError);
  never_started.Stop();
  never_started.Stop();
  {
    Server started_then_destroyed(TestOptions(), Echo, KubeError);
    ASSERT_TRUE(started_then_destroyed.Start().ok());
  }
}

TEST_F(ServerTest, ConnectionsBeyondTheCapWaitInTheBacklog) {
  ServerOptions options = TestOptions();
  options.max_connections = 1;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  auto first = Connect();
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(first->Do("GET", "/first").ok());

  const uint16_t port = port_;
  auto second = std::async(std::launch::async, [port]() -> Result<std::unique_ptr<TlsClient>> {
    return TlsClient::Connect("127.0.0.1", port);
  });
  EXPECT_EQ(second.wait_for(500ms), std::future_status::timeout);
  first.reset();  // frees the slot
  ASSERT_EQ(second.wait_for(3s), std::future_status::ready);
  auto client = second.get();
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  auto response = (*client)->Do("GET", "/second");
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
}

TEST_F(ServerTest, VerifiesAgainstTheSelfSignedCertificate) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  for (const char* host : {"127.0.0.1", "localhost"}) {
    auto client =
        TlsClient::Connect("127.0.0.1", port_, {.ca_file = cert_file_, .verify_host = host});
    ASSERT_TRUE(client.ok()) << host << ": " << client.status().ToString();
    auto response = (*client)->Do("GET", "/verified");
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->status, 200);
  }
  auto wrong = TlsClient::Connect("127.0.0.1", port_,
                                  {.ca_file = cert_file_, .verify_host = "other.example"});
  EXPECT_FALSE(wrong.ok());
}

TEST_F(ServerTest, OnlyTls12AndNewer) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto tls11 = TlsClient::Connect("127.0.0.1", port_, {.max_tls_version = TLS1_1_VERSION});
  EXPECT_FALSE(tls11.ok());
  auto tls12 = TlsClient::Connect(
      "127.0.0.1", port_, {.min_tls_version = TLS1_2_VERSION, .max_tls_version = TLS1_2_VERSION});
  ASSERT_TRUE(tls12.ok()) << tls12.status().ToString();
  EXPECT_EQ((*tls12)->Do("GET", "/x")->status, 200);
  auto tls13 = TlsClient::Connect("127.0.0.1", port_, {.min_tls_version = TLS1_3_VERSION});
  ASSERT_TRUE(tls13.ok()) << tls13.status().ToString();
  EXPECT_EQ((*tls13)->Do("GET", "/x")->status, 200);
}

TEST_F(ServerTest, StartReportsBadCertificatesAndBusyPorts) {
  ServerOptions missing = TestOptions();
  missing.cert_file = cert_root_ + "/missing.crt";
  Server no_cert(missing, Echo, KubeError);
  const Status cert_status = no_cert.Start();
  EXPECT_EQ(cert_status.code(), StatusCode::kBadRequest);
  EXPECT_THAT(cert_status.message(), HasSubstr("missing.crt"));

  ServerOptions swapped = TestOptions();
  swapped.cert_file = key_file_;
  Server bad_cert(swapped, Echo, KubeError);
  EXPECT_EQ(bad_cert.Start().code(), StatusCode::kBadRequest);

  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  ServerOptions busy = TestOptions();
  busy.port = port_;
  Server second(busy, Echo, KubeError);
  const Status busy_status = second.Start();
  EXPECT_EQ(busy_status.code(), StatusCode::kInternal);
  EXPECT_THAT(busy_status.message(), HasSubstr("127.0.0.1:" + std::to_string(port_)));

  ServerOptions bad_address = TestOptions();
  bad_address.bind_address = "not-an-address";
  Server third(bad_address, Echo, KubeError);
  EXPECT_EQ(third.Start().code(), StatusCode::kBadRequest);
}

TEST_F(ServerTest, LogsOneLinePerRequestAtV2) {
  if (!spdlog::get("navigator")) InitLogging(2);
  ASSERT_TRUE(VLogEnabled(2));
  std::ostringstream log;
  // Restores the default logger before `log` goes away.
  struct RestoreLogger {
    std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
    ~RestoreLogger() { spdlog::set_default_logger(previous); }
  } restore;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  auto logger = std::make_shared<spdlog::logger>("server_test", sink);
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);

  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions()));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->Do("GET", "/apis/x?watch=1").ok());
  ASSERT_TRUE(client->Do("POST", "/apis/y", "{}").ok());
  server_->Stop();
  logger->flush();

  std::vector<std::string> lines;
  std::istringstream in(log.str());
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"HTTP\"") != std::string::npos) lines.push_back(line);
  }
  ASSERT_EQ(lines.size(), 2u) << log.str();
  const std::string peer = "srcIP=\"127.0.0.1:" + std::to_string(client->local_port()) + "\"";
  EXPECT_THAT(lines[0], HasSubstr("verb=\"GET\" URI=\"/apis/x?watch=1\""));
  EXPECT_THAT(lines[0], HasSubstr("resp=200"));
  EXPECT_THAT(lines[0], HasSubstr("latency=\""));
  EXPECT_THAT(lines[0], HasSubstr(peer));
  EXPECT_THAT(lines[1], HasSubstr("verb=\"POST\" URI=\"/apis/y\""));
  EXPECT_THAT(lines[1], Not(HasSubstr("watch")));
}

}  // namespace
}  // namespace navigator::http
