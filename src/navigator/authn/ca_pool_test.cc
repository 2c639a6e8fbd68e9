#include "navigator/authn/ca_pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "navigator/authn/testing/certificates.h"

namespace navigator::authn {
namespace {

using testing::CaOptions;
using testing::CertificateOptions;
using testing::ClientOptions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::MustIssue;
using testing::MustPool;
using testing::MustSelfSign;
using ::testing::StartsWith;
using testing::TestCertificate;
using namespace std::chrono_literals;

Clock::TimePoint Now() {
  return std::chrono::system_clock::now();
}

class CaPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MustSelfSign(CaOptions("client-ca"));
    other_root_ = MustSelfSign(CaOptions("other-ca"));
    pool_ = MustPool(root_.cert_pem);
    ASSERT_NE(pool_, nullptr);
  }

  TestCertificate root_, other_root_;
  std::shared_ptr<const CaPool> pool_;
};

TEST_F(CaPoolTest, FromPemRejectsBundlesWithoutCertificates) {
  for (const std::string pem : {"", "just text\n",
                                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"
                                "-----END EC PRIVATE KEY-----\n"}) {
    auto pool = CaPool::FromPem(pem);
    ASSERT_FALSE(pool.ok()) << pem;
    EXPECT_EQ(pool.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(pool.status().message(), HasSubstr("no PEM CERTIFICATE block"));
  }
}

TEST_F(CaPoolTest, FromPemRejectsMalformedBlocks) {
  auto bad_base64 = CaPool::FromPem(
      root_.cert_pem + "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
  ASSERT_FALSE(bad_base64.ok());
  EXPECT_EQ(bad_base64.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(bad_base64.status().message(), HasSubstr("PEM block 2 is malformed"));

  auto not_x509 =
      CaPool::FromPem("-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n");
  ASSERT_FALSE(not_x509.ok());
  EXPECT_EQ(not_x509.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(not_x509.status().message(), HasSubstr("PEM block 1 is not a valid X.509"));

  auto unterminated = CaPool::FromPem("-----BEGIN CERTIFICATE-----\nMIIB\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.status().code(), StatusCode::kBadRequest);
}

TEST_F(CaPoolTest, FromPemKeepsEveryCertificateAndSkipsOtherBlocks) {
  auto pool = CaPool::FromPem("comment\n" + root_.cert_pem + root_.key_pem + other_root_.cert_pem);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ((*pool)->size(), 2u);
  auto alice = MustIssue(ClientOptions("alice"), other_root_);
  EXPECT_TRUE((*pool)->Verify({alice.der}, Now()).ok());
}

TEST_F(CaPoolTest, AVerifiedLeafGivesItsSubject) {
  CertificateOptions options = ClientOptions("alice", {"team-a", "system:masters"});
  options.uids = {"1234"};
  auto alice = MustIssue(options, root_);
  auto verified = pool_->Verify({alice.der}, Now());
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->common_name, "alice");
  EXPECT_THAT(verified->organizations, ElementsAre("team-a", "system:masters"));
  EXPECT_THAT(verified->uids, ElementsAre("1234"));
  EXPECT_FALSE(verified->uid_not_a_string);
}

TEST_F(CaPoolTest, VerificationUsesTheInjectedTime) {
  auto alice = MustIssue(ClientOptions("alice"), root_);  // valid from 1h ago for 7 days
  EXPECT_TRUE(pool_->Verify({alice.der}, Now()).ok());

  auto later = pool_->Verify({alice.der}, Now() + 24h * 8);
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(later.status().message(), StartsWith("verifying certificate SN="));
  EXPECT_THAT(later.status().message(),
              HasSubstr("x509: certificate has expired or is not yet valid: current time "));
  EXPECT_THAT(later.status().message(), HasSubstr(" is after "));

  auto earlier = pool_->Verify({alice.der}, Now() - 2h);
  ASSERT_FALSE(earlier.ok());
  EXPECT_EQ(earlier.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(earlier.status().message(), HasSubstr(" is before "));
}

TEST_F(CaPoolTest, AnExpiredCertificateIsUnauthorized) {
  CertificateOptions options = ClientOptions("alice");
  options.not_before = Now() - 48h;
  options.not_after = Now() - 24h;
  auto expired = MustIssue(options, root_);
  auto verified = pool_->Verify({expired.der}, Now());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(verified.status().message(), HasSubstr("certificate has expired"));
}

TEST_F(CaPoolTest, ACertificateFromAnotherCaIsUnauthorized) {
  auto stranger = MustIssue(ClientOptions("alice"), other_root_);
  auto verified = pool_->Verify({stranger.der}, Now());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(verified.status().message(),
              HasSubstr("x509: certificate signed by unknown authority"));
}

TEST_F(CaPoolTest, ASelfSignedCertificateIsUnauthorized) {
  auto mallory = MustSelfSign(ClientOptions("mallory", {"system:masters"}));
  auto verified = pool_->Verify({mallory.der}, Now());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(verified.status().message(), HasSubstr("signed by unknown authority"));
  // Even a self-signed copy of the CA's subject is not the CA.
  auto fake_ca = MustSelfSign(CaOptions("client-ca"));
  auto forged = MustIssue(ClientOptions("alice"), fake_ca);
  EXPECT_FALSE(pool_->Verify({forged.der, fake_ca.der}, Now()).ok());
}

TEST_F(CaPoolTest, TheLeafMustBeForClientAuthentication) {
  CertificateOptions server = ClientOptions("server");
  server.extended_key_usage = "serverAuth";
  auto verified = pool_->Verify({MustIssue(server, root_).der}, Now());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(verified.status().message(),
              HasSubstr("x509: certificate specifies an incompatible key usage"));

  // As Go: no extendedKeyUsage, or anyExtendedKeyUsage, allows any use.
  CertificateOptions none = ClientOptions("none");
  none.extended_key_usage.clear();
  EXPECT_TRUE(pool_->Verify({MustIssue(none, root_).der}, Now()).ok());
  CertificateOptions any = ClientOptions("any");
  any.extended_key_usage = "anyExtendedKeyUsage";
  EXPECT_TRUE(pool_->Verify({MustIssue(any, root_).der}, Now()).ok());
  CertificateOptions both = ClientOptions("both");
  both.extended_key_usage = "serverAuth,clientAuth";
  EXPECT_TRUE(pool_->Verify({MustIssue(both, root_).der}, Now()).ok());

  // An intermediate restricted to server authentication cannot vouch for clients.
  CertificateOptions server_ca = CaOptions("server-only-intermediate");
  server_ca.extended_key_usage = "serverAuth";
  auto intermediate = MustIssue(server_ca, root_);
  auto alice = MustIssue(ClientOptions("alice"), intermediate);
  auto nested = pool_->Verify({alice.der, intermediate.der}, Now());
  ASSERT_FALSE(nested.ok());
  EXPECT_THAT(nested.status().message(), HasSubstr("incompatible key usage (chain certificate 1)"));
}

TEST_F(CaPoolTest, IntermediatesComeFromThePresentedChain) {
  auto intermediate = MustIssue(CaOptions("intermediate"), root_);
  auto alice = MustIssue(ClientOptions("alice"), intermediate);
  auto verified = pool_->Verify({alice.der, intermediate.der}, Now());
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->common_name, "alice");

  auto without = pool_->Verify({alice.der}, Now());
  ASSERT_FALSE(without.ok());
  EXPECT_THAT(without.status().message(), HasSubstr("unknown authority"));

  // Any pool certificate may end the chain, as in Go.
  auto intermediate_pool = MustPool(intermediate.cert_pem);
  EXPECT_TRUE(intermediate_pool->Verify({alice.der}, Now()).ok());
}

TEST_F(CaPoolTest, AnExpiredIntermediateIsUnauthorized) {
  CertificateOptions options = CaOptions("intermediate");
  options.not_before = Now() - 48h;
  options.not_after = Now() - 24h;
  auto intermediate = MustIssue(options, root_);
  auto alice = MustIssue(ClientOptions("alice"), intermediate);
  auto verified = pool_->Verify({alice.der, intermediate.der}, Now());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(verified.status().message(), HasSubstr("certificate has expired"));
  EXPECT_THAT(verified.status().message(), HasSubstr("(chain certificate 1)"));
}

TEST_F(CaPoolTest, AnIntermediateThatIsNotACaCannotSign) {
  auto leaf_issuer = MustIssue(ClientOptions("not-a-ca"), root_);
  auto alice = MustIssue(ClientOptions("alice"), leaf_issuer);
  auto verified = pool_->Verify({alice.der, leaf_issuer.der}, Now());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthorized);
}

TEST_F(CaPoolTest, MalformedOrEmptyChainsAreUnauthorized) {
  auto alice = MustIssue(ClientOptions("alice"), root_);
  const std::vector<std::vector<std::string>> chains = {
      {},
      {"not DER"},
      {alice.der + "trailing"},
      {alice.der.substr(0, alice.der.size() / 2)},
      {alice.der, "garbage"},
      std::vector<std::string>(kMaxChainLength + 1, alice.der),
  };
  for (const auto& chain : chains) {
    auto verified = pool_->Verify(chain, Now());
    ASSERT_FALSE(verified.ok()) << chain.size();
    EXPECT_EQ(verified.status().code(), StatusCode::kUnauthorized);
    EXPECT_FALSE(verified.status().message().empty());
  }
  EXPECT_TRUE(pool_->Verify(std::vector<std::string>(kMaxChainLength, alice.der), Now()).ok());
}

TEST_F(CaPoolTest, ALeafWithoutCommonNameVerifiesWithAnEmptyName) {
  auto anonymous = MustIssue(ClientOptions("", {"group"}), root_);
  auto verified = pool_->Verify({anonymous.der}, Now());
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_THAT(verified->common_name, IsEmpty());
  EXPECT_THAT(verified->organizations, ElementsAre("group"));
}

TEST_F(CaPoolTest, VerifyIsThreadSafe) {
  auto alice = MustIssue(ClientOptions("alice"), root_);
  auto stranger = MustIssue(ClientOptions("bob"), other_root_);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!pool_->Verify({alice.der}, Now()).ok()) ++failures;
        if (pool_->Verify({stranger.der}, Now()).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace navigator::authn
