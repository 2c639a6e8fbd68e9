#include "navigator/authn/dynamic_authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "navigator/authn/testing/certificates.h"
#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::authn {
namespace {

using client::RestRequest;
using client::testing::FakeRestClient;
using testing::CaOptions;
using testing::ClientOptions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::MustIssue;
using testing::MustSelfSign;
using testing::RequestWith;
using testing::TestCertificate;
using namespace std::chrono_literals;

const http::NameValues kForged = {{"X-Remote-User", "admin"}, {"X-Remote-Group", "system:masters"}};

class DynamicAuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ca_ = MustSelfSign(CaOptions("client-ca"));
    front_proxy_ca_ = MustSelfSign(CaOptions("front-proxy-ca"));
    proxy_ = MustIssue(ClientOptions("front-proxy-client"), front_proxy_ca_);
    alice_ = MustIssue(ClientOptions("alice", {"team-a"}), client_ca_);
    fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> {
      return std::string(
          R"({"status":{"authenticated":true,"user":{"username":"token-user","groups":["g"]}}})");
    });
  }

  DelegatedAuthenticationConfig Config() const {
    DelegatedAuthenticationConfig config;
    config.client_ca_pem = client_ca_.cert_pem;
    config.requestheader_client_ca_pem = front_proxy_ca_.cert_pem;
    config.requestheader_allowed_names = {"front-proxy-client"};
    config.requestheader_username_headers = {"X-Remote-User"};
    config.requestheader_group_headers = {"X-Remote-Group"};
    config.requestheader_extra_headers_prefix = {"X-Remote-Extra-"};
    return config;
  }

  // The user's name, "" when not applicable, "error: ..." on an error.
  static std::string Outcome(const Result<std::optional<UserInfo>>& result) {
    if (!result.ok()) return "error: " + result.status().message();
    return result->has_value() ? (*result)->name : "";
  }

  std::string Authenticate(const DynamicAuthenticator& authenticator, const TestCertificate* cert,
                           http::NameValues headers = {}) const {
    std::vector<std::string> chain;
    if (cert != nullptr) chain.push_back(cert->der);
    return Outcome(authenticator.Authenticate(RequestWith(std::move(chain), std::move(headers))));
  }

  FakeClock clock_{std::chrono::system_clock::now()};
  FakeRestClient fake_;
  TestCertificate client_ca_, front_proxy_ca_, proxy_, alice_;
};

TEST_F(DynamicAuthenticatorTest, BeforeTheFirstUpdateOnlyTokensAuthenticate) {
  DynamicAuthenticator authenticator(clock_, &fake_);
  EXPECT_EQ(authenticator.config(), std::nullopt);
  EXPECT_EQ(Authenticate(authenticator, &alice_), "");
  EXPECT_EQ(Authenticate(authenticator, &proxy_, kForged), "");
  EXPECT_EQ(Authenticate(authenticator, nullptr, {{"Authorization", "Bearer t"}}), "token-user");

  DynamicAuthenticator without_tokens(clock_);
  EXPECT_EQ(Authenticate(without_tokens, nullptr, {{"Authorization", "Bearer t"}}), "");
  EXPECT_EQ(Authenticate(without_tokens, &alice_), "");
  EXPECT_TRUE(fake_.requests().size() == 1u);
}

TEST_F(DynamicAuthenticatorTest, EachKindOfCredential) {
  DynamicAuthenticator authenticator(clock_, &fake_);
  ASSERT_TRUE(authenticator.Update(Config()).ok());
  EXPECT_EQ(authenticator.config(), Config());

  auto alice = authenticator.Authenticate(RequestWith({alice_.der}));
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  ASSERT_TRUE(alice->has_value());
  EXPECT_EQ((*alice)->name, "alice");
  EXPECT_THAT((*alice)->groups, ElementsAre("team-a", "system:authenticated"));

  auto proxied = authenticator.Authenticate(
      RequestWith({proxy_.der}, {{"X-Remote-User", "bob"}, {"X-Remote-Group", "team-b"}}));
  ASSERT_TRUE(proxied.ok()) << proxied.status().ToString();
  ASSERT_TRUE(proxied->has_value());
  EXPECT_EQ((*proxied)->name, "bob");
  EXPECT_THAT((*proxied)->groups, ElementsAre("team-b", "system:authenticated"));

  auto token = authenticator.Authenticate(RequestWith({}, {{"Authorization", "Bearer t"}}));
  ASSERT_TRUE(token.ok());
  EXPECT_THAT((*token)->groups, ElementsAre("g", "system:authenticated"));

  EXPECT_EQ(Authenticate(authenticator, nullptr), "");  // no credentials: the caller decides
}

TEST_F(DynamicAuthenticatorTest, TheFrontProxyComesFirst) {
  // One CA for both: a certificate with an allowed name is the front proxy,
  // so its headers name the user, not its CN.
  DelegatedAuthenticationConfig config = Config();
  config.requestheader_client_ca_pem = client_ca_.cert_pem;
  config.requestheader_allowed_names = {"alice"};
  DynamicAuthenticator authenticator(clock_, &fake_);
  ASSERT_TRUE(authenticator.Update(config).ok());
  EXPECT_EQ(Authenticate(authenticator, &alice_, {{"X-Remote-User", "carol"}}), "carol");
  // Not a proxy request (no user header): the certificate's own user.
  EXPECT_EQ(Authenticate(authenticator, &alice_), "alice");
  // A certificate first, then the token.
  EXPECT_EQ(Authenticate(authenticator, &alice_, {{"Authorization", "Bearer t"}}), "alice");
}

TEST_F(DynamicAuthenticatorTest, ForgedRemoteUserHeadersAreNotThatUser) {
  DynamicAuthenticator authenticator(clock_, &fake_);
  ASSERT_TRUE(authenticator.Update(Config()).ok());
  // No certificate at all.
  EXPECT_EQ(Authenticate(authenticator, nullptr, kForged), "");
  // A valid client certificate (client CA, not front proxy): its own user.
  EXPECT_EQ(Authenticate(authenticator, &alice_, kForged), "alice");
  // A client-CA certificate that even carries the proxy's name.
  auto fake_proxy = MustIssue(ClientOptions("front-proxy-client"), client_ca_);
  EXPECT_EQ(Authenticate(authenticator, &fake_proxy, kForged), "front-proxy-client");
  // A self-signed "proxy", an expired proxy, a proxy from the right CA with a
  // name not allowed: refused, never "admin".
  auto self_signed = MustSelfSign(ClientOptions("front-proxy-client"));
  auto expired_options = ClientOptions("front-proxy-client");
  expired_options.not_before = clock_.Now() - 48h;
  expired_options.not_after = clock_.Now() - 24h;
  auto expired = MustIssue(expired_options, front_proxy_ca_);
  auto not_allowed = MustIssue(ClientOptions("someone"), front_proxy_ca_);
  for (const TestCertificate* cert : {&self_signed, &expired, &not_allowed}) {
    EXPECT_EQ(Authenticate(authenticator, cert, kForged), "error: Unauthorized");
  }
  // The same with a valid bearer token: the token's user, not the headers'.
  http::NameValues with_token = kForged;
  with_token.emplace_back("Authorization", "Bearer t");
  EXPECT_EQ(Authenticate(authenticator, &self_signed, with_token), "token-user");
}

TEST_F(DynamicAuthenticatorTest, RotatingTheClientCa) {
  DynamicAuthenticator authenticator(clock_);
  ASSERT_TRUE(authenticator.Update(Config()).ok());
  const TestCertificate new_ca = MustSelfSign(CaOptions("client-ca-2"));
  const TestCertificate bob = MustIssue(ClientOptions("bob"), new_ca);
  EXPECT_EQ(Authenticate(authenticator, &alice_), "alice");
  EXPECT_EQ(Authenticate(authenticator, &bob), "error: Unauthorized");

  DelegatedAuthenticationConfig both = Config();
  both.client_ca_pem = client_ca_.cert_pem + new_ca.cert_pem;  // during the rotation
  ASSERT_TRUE(authenticator.Update(both).ok());
  EXPECT_EQ(Authenticate(authenticator, &alice_), "alice");
  EXPECT_EQ(Authenticate(authenticator, &bob), "bob");

  DelegatedAuthenticationConfig rotated = Config();
  rotated.client_ca_pem = new_ca.cert_pem;
  ASSERT_TRUE(authenticator.Update(rotated).ok());
  EXPECT_EQ(Authenticate(authenticator, &alice_), "error: Unauthorized");
  EXPECT_EQ(Authenticate(authenticator, &bob), "bob");

  // The client CA removed: certificates no longer authenticate (the front
  // proxy's authenticator refuses a chain it does not know, as Kubernetes').
  DelegatedAuthenticationConfig removed = Config();
  removed.client_ca_pem.clear();
  ASSERT_TRUE(authenticator.Update(removed).ok());
  EXPECT_EQ(Authenticate(authenticator, &bob), "error: Unauthorized");
  removed.requestheader_client_ca_pem.clear();
  ASSERT_TRUE(authenticator.Update(removed).ok());
  EXPECT_EQ(Authenticate(authenticator, &bob), "");
}

TEST_F(DynamicAuthenticatorTest, RotatingTheFrontProxyCa) {
  DynamicAuthenticator authenticator(clock_);
  ASSERT_TRUE(authenticator.Update(Config()).ok());
  const TestCertificate new_ca = MustSelfSign(CaOptions("front-proxy-ca-2"));
  const TestCertificate new_proxy = MustIssue(ClientOptions("front-proxy-client"), new_ca);
  const http::NameValues headers = {{"X-Remote-User", "bob"}};
  EXPECT_EQ(Authenticate(authenticator, &proxy_, headers), "bob");
  EXPECT_EQ(Authenticate(authenticator, &new_proxy, headers), "error: Unauthorized");

  DelegatedAuthenticationConfig rotated = Config();
  rotated.requestheader_client_ca_pem = new_ca.cert_pem;
  ASSERT_TRUE(authenticator.Update(rotated).ok());
  EXPECT_EQ(Authenticate(authenticator, &proxy_, headers), "error: Unauthorized");
  EXPECT_EQ(Authenticate(authenticator, &new_proxy, headers), "bob");
}

TEST_F(DynamicAuthenticatorTest, AnUnusableConfigIsRefusedAndThePreviousStays) {
  DynamicAuthenticator authenticator(clock_);
  ASSERT_TRUE(authenticator.Update(Config()).ok());
  struct Case {
    DelegatedAuthenticationConfig config;
    std::string message;
  };
  std::vector<Case> cases;
  cases.push_back({Config(), "client-ca-file: the CA bundle contains no PEM CERTIFICATE block"});
  cases.back().config.client_ca_pem = "not a PEM bundle";
  cases.push_back({Config(), "requestheader-client-ca-file: the CA bundle's PEM block 1"});
  cases.back().config.requestheader_client_ca_pem =
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  cases.push_back({Config(), "group headers: empty header name"});
  cases.back().config.requestheader_group_headers = {"X-Remote-Group", " "};
  for (const Case& c : cases) {
    const Status status = authenticator.Update(c.config);
    EXPECT_EQ(status.code(), StatusCode::kBadRequest) << c.message;
    EXPECT_THAT(status.message(), HasSubstr(c.message));
    EXPECT_EQ(authenticator.config(), Config());
    EXPECT_EQ(Authenticate(authenticator, &alice_), "alice");
    EXPECT_EQ(Authenticate(authenticator, &proxy_, {{"X-Remote-User", "bob"}}), "bob");
  }

  // Refused before any good config: still nothing by certificate.
  DynamicAuthenticator fresh(clock_);
  EXPECT_FALSE(fresh.Update(cases[0].config).ok());
  EXPECT_EQ(fresh.config(), std::nullopt);
  EXPECT_EQ(Authenticate(fresh, &alice_), "");
}

TEST_F(DynamicAuthenticatorTest, AuthenticateRunsConcurrentlyWithUpdate) {
  DynamicAuthenticator authenticator(clock_, &fake_);
  ASSERT_TRUE(authenticator.Update(Config()).ok());
  DelegatedAuthenticationConfig other = Config();
  other.client_ca_pem = client_ca_.cert_pem + front_proxy_ca_.cert_pem;
  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        // alice is valid under both configs.
        if (Authenticate(authenticator, &alice_) != "alice") ++wrong;
        if (Authenticate(authenticator, nullptr, kForged) != "") ++wrong;
      }
    });
  }
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(authenticator.Update(i % 2 == 0 ? other : Config()).ok());
  }
  stop = true;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace navigator::authn
