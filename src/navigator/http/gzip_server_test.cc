// The server's response compression, end to end over HTTPS.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "navigator/base/clock.h"
#include "navigator/http/gzip.h"
#include "navigator/http/self_signed.h"
#include "navigator/http/server.h"
#include "navigator/http/testing/tls_client.h"

namespace navigator::http {
namespace {

namespace fs = std::filesystem;
using ::navigator::http::testing::TlsClient;

// Over the threshold and compressible.
std::string LargeBody() {
  std::string body = "[";
  for (int i = 0; body.size() < kGzipMinBytes + 1000; ++i) {
    body += "{\"name\":\"object-" + std::to_string(i) + "\",\"spec\":{\"replicas\":3}},";
  }
  body.back() = ']';
  return body;
}

// GET /large and /small answer with bodies over and under the threshold;
// /stream streams the large body.
Response Serve(const Request& request) {
  Response response;
  if (request.path == "/small") {
    response.body = "{\"small\":true}";
  } else if (request.path == "/stream") {
    response.body = LargeBody();
    response.stream = [](ChunkSink& sink) {
      sink.Write(LargeBody());
      return false;
    };
  } else {
    response.body = LargeBody();
  }
  return response;
}

class GzipServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::path(::testing::TempDir()) / "gzip_server_test_XXXXXX").string();
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

  void StartServer(bool gzip = true) {
    ServerOptions options;
    options.bind_address = "127.0.0.1";
    options.port = 0;
    options.cert_file = cert_file_;
    options.key_file = key_file_;
    options.worker_threads = 2;
    options.gzip_responses = gzip;
    server_ = std::make_unique<Server>(options, Serve, nullptr);
    const Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  std::unique_ptr<TlsClient> Connect() {
    auto client = TlsClient::Connect("127.0.0.1", server_->port());
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return client.ok() ? *std::move(client) : nullptr;
  }

  static inline std::string cert_root_;
  static inline std::string cert_file_;
  static inline std::string key_file_;
  std::unique_ptr<Server> server_;
};

TEST_F(GzipServerTest, CompressesALargeBodyForAClientThatAcceptsGzip) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("GET", "/large", "", {{"Accept-Encoding", "br;q=1, gzip;q=0.8"}});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Header("content-encoding"), "gzip");
  EXPECT_EQ(response->Header("vary"), "Accept-Encoding");
  EXPECT_EQ(response->Header("content-type"), "application/json");
  EXPECT_EQ(response->Header("content-length"), std::to_string(response->body.size()));
  EXPECT_LT(response->body.size(), LargeBody().size() / 4);
  auto body = GzipDecompress(response->body, 10 << 20);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, LargeBody());

  // The connection stays usable.
  auto again = client->Do("GET", "/small", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->body, "{\"small\":true}");
}

TEST_F(GzipServerTest, LeavesASmallBodyAlone) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("GET", "/small", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->Header("content-encoding"), "");
  EXPECT_EQ(response->Header("vary"), "");
  EXPECT_EQ(response->body, "{\"small\":true}");
}

TEST_F(GzipServerTest, HonoursRefusalsAndAbsence) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  for (const NameValues& headers :
       {NameValues{{"Accept-Encoding", "gzip;q=0"}}, NameValues{{"Accept-Encoding", "*, gzip;q=0"}},
        NameValues{{"Accept-Encoding", "identity"}}, NameValues{{"Accept-Encoding", "gzip;q=9"}},
        NameValues{}}) {
    auto response = client->Do("GET", "/large", "", headers);
    ASSERT_TRUE(response.ok()) << response.status().ToString();
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->Header("content-encoding"), "");
    EXPECT_EQ(response->Header("vary"), "Accept-Encoding");
    EXPECT_EQ(response->body, LargeBody());
  }
}

TEST_F(GzipServerTest, HeadGetsTheHeadersOfTheCompressedGet) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto get = client->Do("GET", "/large", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(get.ok()) << get.status().ToString();
  auto head = client->Do("HEAD", "/large", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_EQ(head->Header("content-encoding"), "gzip");
  EXPECT_EQ(head->Header("vary"), "Accept-Encoding");
  EXPECT_EQ(head->Header("content-length"), std::to_string(get->body.size()));
  // And the connection is still in step.
  auto after = client->Do("GET", "/small");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->body, "{\"small\":true}");
}

TEST_F(GzipServerTest, DoesNotCompressAStreamedResponse) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("GET", "/stream", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->Header("transfer-encoding"), "chunked");
  EXPECT_EQ(response->Header("content-encoding"), "");
  EXPECT_EQ(response->body, LargeBody() + LargeBody());
}

TEST_F(GzipServerTest, CanBeTurnedOff) {
  ASSERT_NO_FATAL_FAILURE(StartServer(/*gzip=*/false));
  auto client = Connect();
  ASSERT_NE(client, nullptr);
  auto response = client->Do("GET", "/large", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->Header("content-encoding"), "");
  EXPECT_EQ(response->Header("vary"), "");
  EXPECT_EQ(response->body, LargeBody());
}

}  // namespace
}  // namespace navigator::http
