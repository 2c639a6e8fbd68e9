#include "navigator/authn/union_authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "navigator/authn/request_header_authenticator.h"
#include "navigator/authn/testing/certificates.h"
#include "navigator/authn/x509_authenticator.h"

namespace navigator::authn {
namespace {

using testing::CaOptions;
using testing::CertificateOptions;
using testing::ClientOptions;
using ::testing::ElementsAre;
using testing::MustIssue;
using testing::MustPool;
using testing::MustSelfSign;
using testing::RequestWith;
using testing::TestCertificate;
using namespace std::chrono_literals;

// Answers with a fixed result and counts its calls.
class FixedAuthenticator final : public Authenticator {
 public:
  explicit FixedAuthenticator(Result<std::optional<UserInfo>> result)
      : result_(std::move(result)) {}
  Result<std::optional<UserInfo>> Authenticate(const http::Request&) const override {
    ++calls_;
    return result_;
  }
  int calls() const { return calls_; }

 private:
  const Result<std::optional<UserInfo>> result_;
  mutable std::atomic<int> calls_{0};
};

std::shared_ptr<FixedAuthenticator> User(std::string name) {
  return std::make_shared<FixedAuthenticator>(std::optional<UserInfo>(UserInfo{.name = name}));
}
std::shared_ptr<FixedAuthenticator> NotApplicable() {
  return std::make_shared<FixedAuthenticator>(std::optional<UserInfo>());
}
std::shared_ptr<FixedAuthenticator> Failing(std::string reason) {
  return std::make_shared<FixedAuthenticator>(Status(StatusCode::kUnauthorized, reason));
}

TEST(UnionAuthenticatorTest, TheFirstThatAppliesWins) {
  auto first = NotApplicable();
  auto second = User("alice");
  auto third = User("bob");
  UnionAuthenticator authenticator({first, second, third});
  auto result = authenticator.Authenticate(RequestWith({}));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->has_value());
  EXPECT_EQ((*result)->name, "alice");
  EXPECT_EQ(first->calls(), 1);
  EXPECT_EQ(third->calls(), 0);
}

TEST(UnionAuthenticatorTest, AnErrorDoesNotStopTheOthers) {
  UnionAuthenticator authenticator({Failing("bad front-proxy cert"), User("alice")});
  auto result = authenticator.Authenticate(RequestWith({}));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ((*result)->name, "alice");
}

TEST(UnionAuthenticatorTest, ErrorsWithoutAUserAreUnauthorizedWithoutTheReason) {
  UnionAuthenticator authenticator(
      {Failing("certificate has expired"), NotApplicable(), Failing("unknown authority")});
  auto result = authenticator.Authenticate(RequestWith({}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
  EXPECT_EQ(result.status().message(), "Unauthorized");
  EXPECT_EQ(HttpStatus(result.status().code()), 401);
}

TEST(UnionAuthenticatorTest, NothingApplyingIsNotAnError) {
  UnionAuthenticator authenticator({NotApplicable(), NotApplicable()});
  auto result = authenticator.Authenticate(RequestWith({}));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->has_value());
  UnionAuthenticator empty({});
  EXPECT_FALSE(empty.Authenticate(RequestWith({}))->has_value());
}

// The delegated chain navigator-apiserver will use: front proxy, then client CA.
class DelegatedChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ca_ = MustSelfSign(CaOptions("client-ca"));
    front_proxy_ca_ = MustSelfSign(CaOptions("front-proxy-ca"));
    RequestHeaderConfig config;
    config.ca = MustPool(front_proxy_ca_.cert_pem);
    config.allowed_names = {"front-proxy-client"};
    ASSERT_TRUE(request_header_->SetConfig(config).ok());
    x509_->SetPool(MustPool(client_ca_.cert_pem));
  }

  Result<std::optional<UserInfo>> Authenticate(const TestCertificate* cert,
                                               http::NameValues headers = {}) {
    std::vector<std::string> chain;
    if (cert != nullptr) chain.push_back(cert->der);
    return union_.Authenticate(RequestWith(std::move(chain), std::move(headers)));
  }

  FakeClock clock_{std::chrono::system_clock::now()};
  std::shared_ptr<RequestHeaderAuthenticator> request_header_ =
      std::make_shared<RequestHeaderAuthenticator>(clock_);
  std::shared_ptr<X509Authenticator> x509_ = std::make_shared<X509Authenticator>(clock_);
  UnionAuthenticator union_{{request_header_, x509_}};
  TestCertificate client_ca_, front_proxy_ca_;
};

const http::NameValues kForged = {{"X-Remote-User", "system:admin"},
                                  {"X-Remote-Group", "system:masters"}};

TEST_F(DelegatedChainTest, AClientCertificateWithForgedHeadersIsTheCertificatesUser) {
  auto alice = MustIssue(ClientOptions("alice", {"team-a"}), client_ca_);
  auto result = Authenticate(&alice, kForged);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->has_value());
  EXPECT_EQ((*result)->name, "alice");
  EXPECT_THAT((*result)->groups, ElementsAre("team-a"));
}

TEST_F(DelegatedChainTest, ForgedHeadersWithoutACertificateAreAnonymous) {
  auto result = Authenticate(nullptr, kForged);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->has_value());
}

TEST_F(DelegatedChainTest, TheFrontProxyNamesTheUser) {
  auto proxy = MustIssue(ClientOptions("front-proxy-client"), front_proxy_ca_);
  auto result = Authenticate(&proxy, kForged);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->has_value());
  EXPECT_EQ((*result)->name, "system:admin");
  // Without user headers the proxy's own certificate is not a client-CA user.
  auto bare = Authenticate(&proxy);
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.status().message(), "Unauthorized");
}

TEST_F(DelegatedChainTest, InvalidCertificatesAreUnauthorized) {
  CertificateOptions expired_options = ClientOptions("alice");
  expired_options.not_before = clock_.Now() - 48h;
  expired_options.not_after = clock_.Now() - 24h;
  const auto expired = MustIssue(expired_options, client_ca_);
  const auto wrong_ca = MustIssue(ClientOptions("alice"), MustSelfSign(CaOptions("client-ca")));
  const auto self_signed = MustSelfSign(ClientOptions("alice"));
  const auto disallowed_proxy = MustIssue(ClientOptions("not-the-proxy"), front_proxy_ca_);
  for (const TestCertificate* cert : {&expired, &wrong_ca, &self_signed, &disallowed_proxy}) {
    auto result = Authenticate(cert, kForged);
    ASSERT_FALSE(result.ok()) << (result->has_value() ? result->value().name : "no user");
    EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
    EXPECT_EQ(result.status().message(), "Unauthorized");
  }
}

}  // namespace
}  // namespace navigator::authn
