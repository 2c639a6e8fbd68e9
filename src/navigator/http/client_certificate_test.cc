// The server asks for a client certificate, accepts any (it is verified later,
// by authentication) and hands the chain to every request of the connection.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "navigator/base/clock.h"
#include "navigator/http/self_signed.h"
#include "navigator/http/server.h"
#include "navigator/http/testing/test_pki.h"
#include "navigator/http/testing/tls_client.h"

namespace navigator::http {
namespace {

namespace fs = std::filesystem;
using ::navigator::http::testing::CaOptions;
using ::navigator::http::testing::CertificateOptions;
using ::navigator::http::testing::TestCertificate;
using ::navigator::http::testing::TlsClient;
using ::navigator::http::testing::TlsClientOptions;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::chrono_literals;

// Records the chain of every request it serves.
class ChainRecorder {
 public:
  Response Handle(const Request& request) {
    std::lock_guard lock(mu_);
    chains_.push_back(request.peer_certificates_der);
    Response response;
    response.content_type = "text/plain";
    response.body = std::to_string(request.peer_certificates_der.size());
    return response;
  }
  std::vector<std::vector<std::string>> chains() const {
    std::lock_guard lock(mu_);
    return chains_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::vector<std::string>> chains_;
};

class ClientCertificateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::path(::testing::TempDir()) / "client_cert_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto paths = EnsureSelfSignedCertificate(dir_ + "/serving", {"localhost"}, {"127.0.0.1"},
                                             SystemClock::Instance());
    ASSERT_TRUE(paths.ok()) << paths.status().ToString();
    serving_ = *paths;

    auto ca = testing::SelfSign(CaOptions("client-ca"));
    ASSERT_TRUE(ca.ok()) << ca.status().ToString();
    CertificateOptions intermediate_options = CaOptions("client-intermediate");
    auto intermediate = testing::Issue(intermediate_options, *ca);
    ASSERT_TRUE(intermediate.ok()) << intermediate.status().ToString();
    CertificateOptions leaf_options;
    leaf_options.common_name = "alice";
    auto leaf = testing::Issue(leaf_options, *intermediate);
    ASSERT_TRUE(leaf.ok()) << leaf.status().ToString();
    leaf_der_ = leaf->der;
    intermediate_der_ = intermediate->der;
    ASSERT_NO_FATAL_FAILURE(
        Write("chain", leaf->cert_pem + intermediate->cert_pem, leaf->key_pem, chain_files_));

    CertificateOptions expired_options;
    expired_options.common_name = "expired";
    expired_options.not_before = std::chrono::system_clock::now() - 48h;
    expired_options.not_after = std::chrono::system_clock::now() - 24h;
    auto expired = testing::Issue(expired_options, *ca);
    ASSERT_TRUE(expired.ok()) << expired.status().ToString();
    expired_der_ = expired->der;
    ASSERT_NO_FATAL_FAILURE(Write("expired", expired->cert_pem, expired->key_pem, expired_files_));

    CertificateOptions self_signed_options;
    self_signed_options.common_name = "mallory";
    auto self_signed = testing::SelfSign(self_signed_options);
    ASSERT_TRUE(self_signed.ok()) << self_signed.status().ToString();
    self_signed_der_ = self_signed->der;
    ASSERT_NO_FATAL_FAILURE(
        Write("self-signed", self_signed->cert_pem, self_signed->key_pem, self_signed_files_));
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  struct Files {
    std::string cert;
    std::string key;
  };
  static void Write(const std::string& name, const std::string& cert, const std::string& key,
                    Files& files) {
    auto cert_path = testing::WriteTestFile(dir_, name + ".crt", cert);
    ASSERT_TRUE(cert_path.ok()) << cert_path.status().ToString();
    auto key_path = testing::WriteTestFile(dir_, name + ".key", key);
    ASSERT_TRUE(key_path.ok()) << key_path.status().ToString();
    files = {*cert_path, *key_path};
  }

  void SetUp() override {
    ServerOptions options;
    options.bind_address = "127.0.0.1";
    options.port = 0;
    options.cert_file = serving_.cert_file;
    options.key_file = serving_.key_file;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(
        options, [this](const Request& request) { return recorder_.Handle(request); }, nullptr);
    const Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  std::unique_ptr<TlsClient> Connect(const Files* files, int max_tls_version = 0) {
    TlsClientOptions options;
    if (files != nullptr) {
      options.client_cert_file = files->cert;
      options.client_key_file = files->key;
    }
    options.max_tls_version = max_tls_version;
    auto client = TlsClient::Connect("127.0.0.1", server_->port(), options);
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return client.ok() ? *std::move(client) : nullptr;
  }

  // Sends a GET and returns the number of certificates the handler saw.
  static std::string Get(TlsClient& client) {
    auto response = client.Do("GET", "/");
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    if (!response.ok()) return "";
    EXPECT_EQ(response->status, 200);
    return response->body;
  }

  static inline std::string dir_;
  static inline CertificatePaths serving_;
  static inline std::string leaf_der_, intermediate_der_, expired_der_, self_signed_der_;
  static inline Files chain_files_, expired_files_, self_signed_files_;
  ChainRecorder recorder_;
  std::unique_ptr<Server> server_;
};

TEST_F(ClientCertificateTest, WithoutAClientCertificateTheChainIsEmpty) {
  auto client = Connect(nullptr);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Get(*client), "0");
  EXPECT_THAT(recorder_.chains(), ElementsAre(IsEmpty()));
}

TEST_F(ClientCertificateTest, TheChainArrivesLeafFirstWithEveryRequestOfTheConnection) {
  auto client = Connect(&chain_files_);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Get(*client), "2");
  EXPECT_EQ(Get(*client), "2");
  const std::vector<std::string> expected = {leaf_der_, intermediate_der_};
  EXPECT_THAT(recorder_.chains(), ElementsAre(expected, expected));

  // Another connection, without a certificate, sees none.
  auto anonymous = Connect(nullptr);
  ASSERT_NE(anonymous, nullptr);
  EXPECT_EQ(Get(*anonymous), "0");
}

TEST_F(ClientCertificateTest, TheChainArrivesOverTls12) {
  auto client = Connect(&chain_files_, TLS1_2_VERSION);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Get(*client), "2");
  const std::vector<std::string> expected = {leaf_der_, intermediate_der_};
  EXPECT_THAT(recorder_.chains(), ElementsAre(expected));
}

TEST_F(ClientCertificateTest, AnExpiredCertificateStillCompletesTheHandshake) {
  auto client = Connect(&expired_files_);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Get(*client), "1");
  EXPECT_THAT(recorder_.chains(), ElementsAre(ElementsAre(expired_der_)));
}

TEST_F(ClientCertificateTest, ASelfSignedCertificateStillCompletesTheHandshake) {
  for (const int version : {0, TLS1_2_VERSION}) {
    auto client = Connect(&self_signed_files_, version);
    ASSERT_NE(client, nullptr);
    EXPECT_EQ(Get(*client), "1");
  }
  EXPECT_THAT(recorder_.chains(),
              ElementsAre(ElementsAre(self_signed_der_), ElementsAre(self_signed_der_)));
}

}  // namespace
}  // namespace navigator::http
