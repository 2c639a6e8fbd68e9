#include "navigator/authn/request_header_authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "navigator/authn/testing/certificates.h"

namespace navigator::authn {
namespace {

using testing::CaOptions;
using testing::CertificateOptions;
using testing::ClientOptions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::MustIssue;
using testing::MustPool;
using testing::MustSelfSign;
using ::testing::Pair;
using testing::RequestWith;
using testing::TestCertificate;
using ::testing::UnorderedElementsAre;
using namespace std::chrono_literals;

const http::NameValues kProxyHeaders = {
    {"X-Remote-User", "alice"},
    {"X-Remote-Group", "team-a"},
    {"X-Remote-Group", "system:authenticated"},
    {"X-Remote-Extra-Scopes", "view"},
    {"X-Remote-Extra-Example.org%2Freason", "audit"},
};

class RequestHeaderAuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    front_proxy_ca_ = MustSelfSign(CaOptions("front-proxy-ca"));
    client_ca_ = MustSelfSign(CaOptions("client-ca"));
    proxy_ = MustIssue(ClientOptions("front-proxy-client"), front_proxy_ca_);
    RequestHeaderConfig config;
    config.ca = MustPool(front_proxy_ca_.cert_pem);
    config.allowed_names = {"front-proxy-client", "aggregator"};
    ASSERT_TRUE(authenticator_.SetConfig(config).ok());
  }

  Result<std::optional<UserInfo>> Authenticate(const TestCertificate* cert,
                                               http::NameValues headers = kProxyHeaders) {
    std::vector<std::string> chain;
    if (cert != nullptr) chain.push_back(cert->der);
    return authenticator_.Authenticate(RequestWith(std::move(chain), std::move(headers)));
  }

  static void ExpectNotApplicable(const Result<std::optional<UserInfo>>& result) {
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_FALSE(result->has_value()) << result->value().name;
  }

  FakeClock clock_{std::chrono::system_clock::now()};
  RequestHeaderAuthenticator authenticator_{clock_};
  TestCertificate front_proxy_ca_, client_ca_, proxy_;
};

TEST_F(RequestHeaderAuthenticatorTest, AnAllowedProxyCertificateMakesTheHeadersTheUser) {
  auto result = Authenticate(&proxy_);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->has_value());
  const UserInfo& user = **result;
  EXPECT_EQ(user.name, "alice");
  EXPECT_THAT(user.groups, ElementsAre("team-a", "system:authenticated"));
  EXPECT_THAT(user.extra, UnorderedElementsAre(Pair("scopes", ElementsAre("view")),
                                               Pair("example.org/reason", ElementsAre("audit"))));
}

TEST_F(RequestHeaderAuthenticatorTest, ForgedHeadersWithoutACertificateAreIgnored) {
  ExpectNotApplicable(Authenticate(nullptr));
}

TEST_F(RequestHeaderAuthenticatorTest, ForgedHeadersWithAClientCaCertificateAreIgnored) {
  // A perfectly good client certificate, but not from the front-proxy CA, even
  // with an allowed name.
  auto client = MustIssue(ClientOptions("front-proxy-client", {"system:masters"}), client_ca_);
  auto result = Authenticate(&client);
  ASSERT_FALSE(result.ok()) << (result->has_value() ? result->value().name : "not applicable");
  EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(result.status().message(), HasSubstr("unknown authority"));
}

TEST_F(RequestHeaderAuthenticatorTest, AProxyCertificateWithANameNotAllowedIsUnauthorized) {
  auto other = MustIssue(ClientOptions("someone-else"), front_proxy_ca_);
  auto result = Authenticate(&other);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(result.status().message(),
              HasSubstr("x509: subject with cn=someone-else is not in the allowed list"));
}

TEST_F(RequestHeaderAuthenticatorTest, AnEmptyAllowedListAllowsAnyNameTheCaSigned) {
  RequestHeaderConfig config = *authenticator_.config();
  config.allowed_names.clear();
  ASSERT_TRUE(authenticator_.SetConfig(config).ok());
  auto other = MustIssue(ClientOptions("someone-else"), front_proxy_ca_);
  auto result = Authenticate(&other);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->has_value());
  EXPECT_EQ((*result)->name, "alice");
}

TEST_F(RequestHeaderAuthenticatorTest, ExpiredOrSelfSignedProxyCertificatesAreUnauthorized) {
  CertificateOptions expired_options = ClientOptions("front-proxy-client");
  expired_options.not_before = clock_.Now() - 48h;
  expired_options.not_after = clock_.Now() - 24h;
  auto expired = MustIssue(expired_options, front_proxy_ca_);
  auto self_signed = MustSelfSign(ClientOptions("front-proxy-client"));
  for (const TestCertificate* cert : {&expired, &self_signed}) {
    auto result = Authenticate(cert);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
    EXPECT_THAT(result.status().message(), HasSubstr("front-proxy client certificate: "));
  }
}

TEST_F(RequestHeaderAuthenticatorTest, AProxyRequestWithoutAUserDoesNotApply) {
  ExpectNotApplicable(Authenticate(&proxy_, {{"X-Remote-Group", "system:masters"}}));
}

TEST_F(RequestHeaderAuthenticatorTest, WithoutAConfigurationItDoesNotApply) {
  RequestHeaderAuthenticator unconfigured(clock_);
  EXPECT_EQ(unconfigured.config(), nullptr);
  auto result = unconfigured.Authenticate(RequestWith({proxy_.der}, kProxyHeaders));
  ExpectNotApplicable(result);

  ASSERT_TRUE(unconfigured.SetConfig(RequestHeaderConfig{}).ok());  // no CA
  ExpectNotApplicable(unconfigured.Authenticate(RequestWith({proxy_.der}, kProxyHeaders)));
}

TEST_F(RequestHeaderAuthenticatorTest, CustomHeaderNames) {
  RequestHeaderConfig config = *authenticator_.config();
  config.headers.username_headers = {"X-Proxy-User"};
  config.headers.uid_headers = {"X-Proxy-Uid"};
  config.headers.group_headers = {"X-Proxy-Group"};
  config.headers.extra_header_prefixes = {"X-Proxy-Extra-"};
  ASSERT_TRUE(authenticator_.SetConfig(config).ok());
  ExpectNotApplicable(Authenticate(&proxy_));  // the default names are no longer read
  auto result = Authenticate(&proxy_, {{"X-Proxy-User", "bob"},
                                       {"X-Proxy-Uid", "7"},
                                       {"X-Proxy-Group", "g"},
                                       {"X-Remote-Group", "ignored"},
                                       {"X-Proxy-Extra-K", "v"}});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->has_value());
  EXPECT_EQ((*result)->name, "bob");
  EXPECT_EQ((*result)->uid, "7");
  EXPECT_THAT((*result)->groups, ElementsAre("g"));
  EXPECT_THAT((*result)->extra, ElementsAre(Pair("k", ElementsAre("v"))));
}

TEST_F(RequestHeaderAuthenticatorTest, AnInvalidConfigurationKeepsThePreviousOne) {
  const auto before = authenticator_.config();
  RequestHeaderConfig config = *before;
  config.headers.group_headers = {"X-Remote-Group", ""};
  const Status status = authenticator_.SetConfig(config);
  EXPECT_EQ(status.code(), StatusCode::kBadRequest);
  EXPECT_THAT(status.message(), HasSubstr("group headers"));
  EXPECT_EQ(authenticator_.config(), before);
}

TEST_F(RequestHeaderAuthenticatorTest, SwappingTheConfigurationTakesEffectForTheNextRequest) {
  auto new_ca = MustSelfSign(CaOptions("front-proxy-ca-2"));
  auto new_proxy = MustIssue(ClientOptions("front-proxy-client"), new_ca);
  EXPECT_FALSE(Authenticate(&new_proxy).ok());

  RequestHeaderConfig config = *authenticator_.config();
  config.ca = MustPool(new_ca.cert_pem);
  ASSERT_TRUE(authenticator_.SetConfig(config).ok());
  auto result = Authenticate(&new_proxy);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->has_value());
  EXPECT_FALSE(Authenticate(&proxy_).ok());

  config.allowed_names = {"aggregator"};
  ASSERT_TRUE(authenticator_.SetConfig(config).ok());
  EXPECT_FALSE(Authenticate(&new_proxy).ok());
}

}  // namespace
}  // namespace navigator::authn
