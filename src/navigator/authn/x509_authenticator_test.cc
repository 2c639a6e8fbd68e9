#include "navigator/authn/x509_authenticator.h"

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
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using testing::MustIssue;
using testing::MustPool;
using testing::MustSelfSign;
using testing::RequestWith;
using testing::TestCertificate;
using namespace std::chrono_literals;

class X509AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = MustSelfSign(CaOptions("client-ca"));
    other_ca_ = MustSelfSign(CaOptions("other-ca"));
    authenticator_.SetPool(MustPool(ca_.cert_pem));
  }

  // Unwraps a Result that must have a user.
  static UserInfo UserOf(const Result<std::optional<UserInfo>>& result) {
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok()) return {};
    EXPECT_TRUE(result->has_value());
    return result->value_or(UserInfo{});
  }

  FakeClock clock_{std::chrono::system_clock::now()};
  X509Authenticator authenticator_{clock_};
  TestCertificate ca_, other_ca_;
};

TEST_F(X509AuthenticatorTest, AValidClientCertificateIsItsCommonNameAndOrganizations) {
  auto alice = MustIssue(ClientOptions("alice", {"team-a", "developers"}), ca_);
  const UserInfo user = UserOf(authenticator_.Authenticate(RequestWith({alice.der})));
  EXPECT_EQ(user.name, "alice");
  EXPECT_THAT(user.uid, IsEmpty());
  EXPECT_THAT(user.groups, ElementsAre("team-a", "developers"));
  ASSERT_EQ(user.extra.count(kCredentialIdKey), 1u);
  EXPECT_THAT(user.extra.at(kCredentialIdKey), ElementsAre(CertificateCredentialId(alice.der)));
  EXPECT_THAT(CertificateCredentialId(alice.der), MatchesRegex("X509SHA256=[0-9a-f]{64}"));
  EXPECT_EQ(user.extra.size(), 1u);
}

TEST_F(X509AuthenticatorTest, CredentialIdIsTheSha256OfTheDer) {
  EXPECT_EQ(CertificateCredentialId("abc"),
            "X509SHA256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(X509AuthenticatorTest, WithoutACertificateItDoesNotApply) {
  auto result = authenticator_.Authenticate(RequestWith({}, {{"X-Remote-User", "admin"}}));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->has_value());
}

TEST_F(X509AuthenticatorTest, WithoutAPoolItDoesNotApply) {
  X509Authenticator unconfigured(clock_);
  auto alice = MustIssue(ClientOptions("alice"), ca_);
  auto result = unconfigured.Authenticate(RequestWith({alice.der}));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->has_value());
}

TEST_F(X509AuthenticatorTest, ALeafWithoutCommonNameDoesNotApply) {
  auto nameless = MustIssue(ClientOptions("", {"team-a"}), ca_);
  auto result = authenticator_.Authenticate(RequestWith({nameless.der}));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->has_value());
}

TEST_F(X509AuthenticatorTest, InvalidCertificatesAreUnauthorized) {
  CertificateOptions expired_options = ClientOptions("alice");
  expired_options.not_before = clock_.Now() - 48h;
  expired_options.not_after = clock_.Now() - 24h;
  const std::vector<std::pair<std::string, TestCertificate>> cases = {
      {"expired", MustIssue(expired_options, ca_)},
      {"unknown authority", MustIssue(ClientOptions("alice"), other_ca_)},
      {"unknown authority", MustSelfSign(ClientOptions("alice", {"system:masters"}))},
  };
  for (const auto& [reason, cert] : cases) {
    auto result = authenticator_.Authenticate(RequestWith({cert.der}));
    ASSERT_FALSE(result.ok()) << reason;
    EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
    EXPECT_THAT(result.status().message(), HasSubstr(reason));
  }
}

TEST_F(X509AuthenticatorTest, ACertificateExpiresOnTheInjectedClock) {
  auto alice = MustIssue(ClientOptions("alice"), ca_);
  EXPECT_TRUE(authenticator_.Authenticate(RequestWith({alice.der})).ok());
  clock_.Advance(24h * 8);
  auto result = authenticator_.Authenticate(RequestWith({alice.der}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(result.status().message(), HasSubstr("expired"));
}

TEST_F(X509AuthenticatorTest, TheUidAttributeIsTheUid) {
  CertificateOptions options = ClientOptions("alice");
  options.uids = {"a1b2"};
  EXPECT_EQ(UserOf(authenticator_.Authenticate(RequestWith({MustIssue(options, ca_).der}))).uid,
            "a1b2");

  options.uids = {"a1", "b2"};
  auto two = authenticator_.Authenticate(RequestWith({MustIssue(options, ca_).der}));
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(two.status().message(), HasSubstr("expected 1 UID, but found multiple: [a1 b2]"));

  options.uids = {""};
  auto empty = authenticator_.Authenticate(RequestWith({MustIssue(options, ca_).der}));
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("UID cannot be an empty string"));
}

TEST_F(X509AuthenticatorTest, SwappingThePoolTakesEffectForTheNextRequest) {
  auto alice = MustIssue(ClientOptions("alice"), ca_);
  auto bob = MustIssue(ClientOptions("bob"), other_ca_);
  EXPECT_TRUE(authenticator_.Authenticate(RequestWith({alice.der})).ok());
  EXPECT_FALSE(authenticator_.Authenticate(RequestWith({bob.der})).ok());

  auto rotated = MustPool(other_ca_.cert_pem);
  authenticator_.SetPool(rotated);
  EXPECT_EQ(authenticator_.pool(), rotated);
  EXPECT_FALSE(authenticator_.Authenticate(RequestWith({alice.der})).ok());
  EXPECT_EQ(UserOf(authenticator_.Authenticate(RequestWith({bob.der}))).name, "bob");

  // Both CAs during a rotation.
  authenticator_.SetPool(MustPool(ca_.cert_pem + other_ca_.cert_pem));
  EXPECT_EQ(UserOf(authenticator_.Authenticate(RequestWith({alice.der}))).name, "alice");
  EXPECT_EQ(UserOf(authenticator_.Authenticate(RequestWith({bob.der}))).name, "bob");

  authenticator_.SetPool(nullptr);
  auto result = authenticator_.Authenticate(RequestWith({alice.der}));
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->has_value());
}

}  // namespace
}  // namespace navigator::authn
