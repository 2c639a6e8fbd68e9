// End to end: the real HTTPS server hands the client's certificate chain to
// the delegated authenticators (front proxy, then client CA), as
// navigator-apiserver's handler will.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "navigator/authn/request_header_authenticator.h"
#include "navigator/authn/testing/certificates.h"
#include "navigator/authn/union_authenticator.h"
#include "navigator/authn/x509_authenticator.h"
#include "navigator/http/self_signed.h"
#include "navigator/http/server.h"
#include "navigator/http/testing/tls_client.h"

namespace navigator::authn {
namespace {

namespace fs = std::filesystem;
using ::navigator::http::testing::TlsClient;
using ::navigator::http::testing::TlsClientOptions;
using testing::CaOptions;
using testing::CertificateOptions;
using testing::ClientOptions;
using ::testing::HasSubstr;
using testing::MustIssue;
using testing::MustPool;
using testing::MustSelfSign;
using testing::TestCertificate;
using namespace std::chrono_literals;

// "name|uid|group,group|key=value,value;..." for a user, "<anonymous>" for none,
// or a 401 with the Status message.
http::Response Describe(const Result<std::optional<UserInfo>>& result) {
  http::Response response;
  response.content_type = "text/plain";
  if (!result.ok()) {
    response.status = HttpStatus(result.status().code());
    response.body = result.status().message();
    return response;
  }
  if (!result->has_value()) {
    response.body = "<anonymous>";
    return response;
  }
  const UserInfo& user = **result;
  response.body = user.name + "|" + user.uid + "|";
  for (std::size_t i = 0; i < user.groups.size(); ++i) {
    response.body += (i > 0 ? "," : "") + user.groups[i];
  }
  response.body += "|";
  for (const auto& [key, values] : user.extra) {
    if (key == kCredentialIdKey) continue;
    response.body += key + "=";
    for (std::size_t i = 0; i < values.size(); ++i) {
      response.body += (i > 0 ? "," : "") + values[i];
    }
    response.body += ";";
  }
  return response;
}

class AuthnServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::path(::testing::TempDir()) / "authn_server_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto serving = http::EnsureSelfSignedCertificate(dir_ + "/serving", {"localhost"},
                                                     {"127.0.0.1"}, SystemClock::Instance());
    ASSERT_TRUE(serving.ok()) << serving.status().ToString();
    serving_ = *serving;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void SetUp() override {
    client_ca_ = MustSelfSign(CaOptions("client-ca"));
    front_proxy_ca_ = MustSelfSign(CaOptions("front-proxy-ca"));
    RequestHeaderConfig config;
    config.ca = MustPool(front_proxy_ca_.cert_pem);
    config.allowed_names = {"front-proxy-client"};
    ASSERT_TRUE(request_header_->SetConfig(config).ok());
    x509_->SetPool(MustPool(client_ca_.cert_pem));

    http::ServerOptions options;
    options.bind_address = "127.0.0.1";
    options.port = 0;
    options.cert_file = serving_.cert_file;
    options.key_file = serving_.key_file;
    options.worker_threads = 2;
    server_ = std::make_unique<http::Server>(
        options,
        [this](const http::Request& request) { return Describe(union_.Authenticate(request)); },
        nullptr);
    const Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  // Connects presenting `cert` (none when null).
  std::unique_ptr<TlsClient> Connect(const TestCertificate* cert) {
    TlsClientOptions options;
    if (cert != nullptr) {
      const std::string name = "client-" + std::to_string(files_++);
      auto cert_file = http::testing::WriteTestFile(dir_, name + ".crt", cert->cert_pem);
      auto key_file = http::testing::WriteTestFile(dir_, name + ".key", cert->key_pem);
      EXPECT_TRUE(cert_file.ok() && key_file.ok());
      if (!cert_file.ok() || !key_file.ok()) return nullptr;
      options.client_cert_file = *cert_file;
      options.client_key_file = *key_file;
    }
    auto client = TlsClient::Connect("127.0.0.1", server_->port(), options);
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return client.ok() ? *std::move(client) : nullptr;
  }

  // "<status> <body>" of a GET on `client`.
  static std::string Get(TlsClient* client, const http::NameValues& headers = {}) {
    if (client == nullptr) return "no connection";
    auto response = client->Do("GET", "/apis/navigator.jetstack.io/v1alpha1", "", headers);
    if (!response.ok()) return response.status().ToString();
    return std::to_string(response->status) + " " + response->body;
  }

  std::string GetAs(const TestCertificate* cert, const http::NameValues& headers = {}) {
    auto client = Connect(cert);
    return Get(client.get(), headers);
  }

  static inline std::string dir_;
  static inline http::CertificatePaths serving_;
  static inline int files_ = 0;
  FakeClock clock_{std::chrono::system_clock::now()};
  std::shared_ptr<RequestHeaderAuthenticator> request_header_ =
      std::make_shared<RequestHeaderAuthenticator>(clock_);
  std::shared_ptr<X509Authenticator> x509_ = std::make_shared<X509Authenticator>(clock_);
  UnionAuthenticator union_{{request_header_, x509_}};
  TestCertificate client_ca_, front_proxy_ca_;
  std::unique_ptr<http::Server> server_;  // last: stopped before the authenticators go
};

const http::NameValues kForged = {{"X-Remote-User", "system:admin"},
                                  {"X-Remote-Group", "system:masters"}};

TEST_F(AuthnServerTest, AClientCertificateIsItsSubject) {
  const auto alice = MustIssue(ClientOptions("alice", {"team-a", "devs"}), client_ca_);
  EXPECT_EQ(GetAs(&alice), "200 alice||team-a,devs|");
  // Forged front-proxy headers change nothing.
  EXPECT_EQ(GetAs(&alice, kForged), "200 alice||team-a,devs|");
}

TEST_F(AuthnServerTest, TheFrontProxyAssertsTheUserInHeaders) {
  const auto proxy = MustIssue(ClientOptions("front-proxy-client"), front_proxy_ca_);
  EXPECT_EQ(GetAs(&proxy, {{"X-Remote-User", "bob"},
                           {"X-Remote-Group", "team-b"},
                           {"X-Remote-Group", "system:authenticated"},
                           {"X-Remote-Extra-Scopes", "a"},
                           {"X-Remote-Extra-Scopes", "b"},
                           {"X-Remote-Extra-Acme.io%2Fteam", "x"}}),
            "200 bob||team-b,system:authenticated|acme.io/team=x;scopes=a,b;");
}

TEST_F(AuthnServerTest, ForgedHeadersWithoutACertificateAreNotTheirUser) {
  EXPECT_EQ(GetAs(nullptr, kForged), "200 <anonymous>");
}

TEST_F(AuthnServerTest, InvalidCertificatesAre401) {
  CertificateOptions expired_options = ClientOptions("alice");
  expired_options.not_before = clock_.Now() - 48h;
  expired_options.not_after = clock_.Now() - 24h;
  const auto expired = MustIssue(expired_options, client_ca_);
  const auto wrong_ca = MustIssue(ClientOptions("alice"), MustSelfSign(CaOptions("client-ca")));
  const auto self_signed = MustSelfSign(ClientOptions("alice", {"system:masters"}));
  const auto disallowed_proxy = MustIssue(ClientOptions("not-the-proxy"), front_proxy_ca_);
  EXPECT_EQ(GetAs(&expired), "401 Unauthorized");
  EXPECT_EQ(GetAs(&wrong_ca, kForged), "401 Unauthorized");
  EXPECT_EQ(GetAs(&self_signed, kForged), "401 Unauthorized");
  EXPECT_EQ(GetAs(&disallowed_proxy, kForged), "401 Unauthorized");
}

TEST_F(AuthnServerTest, ARotatedClientCaAppliesToOpenConnections) {
  const auto new_ca = MustSelfSign(CaOptions("client-ca-2"));
  const auto carol = MustIssue(ClientOptions("carol"), new_ca);
  auto client = Connect(&carol);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Get(client.get()), "401 Unauthorized");
  x509_->SetPool(MustPool(new_ca.cert_pem));
  EXPECT_EQ(Get(client.get()), "200 carol|||");
}

TEST_F(AuthnServerTest, ACertificateExpiresWhileItsConnectionIsOpen) {
  const auto alice = MustIssue(ClientOptions("alice"), client_ca_);
  auto client = Connect(&alice);
  ASSERT_NE(client, nullptr);
  EXPECT_THAT(Get(client.get()), HasSubstr("200 alice"));
  clock_.Advance(24h * 8);
  EXPECT_EQ(Get(client.get()), "401 Unauthorized");
}

}  // namespace
}  // namespace navigator::authn
