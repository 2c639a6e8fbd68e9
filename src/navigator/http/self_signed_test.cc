#include "navigator/http/self_signed.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace navigator::http {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using namespace std::chrono_literals;

struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
using CertPtr = std::unique_ptr<X509, CertFree>;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

CertPtr LoadCert(const std::string& path) {
  const std::string pem = ReadAll(path);
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  CertPtr cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return cert;
}

std::vector<std::string> SanEntries(X509* cert, int type) {
  std::vector<std::string> out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type != type) continue;
    if (type == GEN_DNS) {
      const ASN1_IA5STRING* dns = name->d.dNSName;
      out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                       ASN1_STRING_length(dns));
    } else {
      const ASN1_OCTET_STRING* ip = name->d.iPAddress;
      char text[INET6_ADDRSTRLEN] = {};
      inet_ntop(ASN1_STRING_length(ip) == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(ip), text,
                sizeof(text));
      out.emplace_back(text);
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

std::chrono::system_clock::time_point ToTimePoint(const ASN1_TIME* time) {
  std::tm tm{};
  EXPECT_EQ(ASN1_TIME_to_tm(time, &tm), 1);
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string SerialHex(X509* cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  char* hex = BN_bn2hex(bn);
  std::string out(hex);
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

int Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 0777);
}

// 2030-01-01T00:00:00Z.
const Clock::TimePoint kStart = std::chrono::system_clock::from_time_t(1893456000);

class SelfSignedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(::testing::TempDir()) / "self_signed_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    dir_ = (fs::path(root_) / "certs").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  Result<CertificatePaths> Ensure(const std::vector<std::string>& dns,
                                  const std::vector<std::string>& ips) {
    return EnsureSelfSignedCertificate(dir_, dns, ips, clock_);
  }

  std::string root_;
  std::string dir_;
  FakeClock clock_{kStart};
};

TEST_F(SelfSignedTest, GeneratesAServingCertificate) {
  auto paths = Ensure({"localhost", "navigator.default.svc"}, {"127.0.0.1", "::1"});
  ASSERT_TRUE(paths.ok()) << paths.status().ToString();
  EXPECT_EQ(paths->cert_file, dir_ + "/apiserver.crt");
  EXPECT_EQ(paths->key_file, dir_ + "/apiserver.key");
  EXPECT_EQ(Mode(dir_), 0700);
  EXPECT_EQ(Mode(paths->key_file), 0600);

  CertPtr cert = LoadCert(paths->cert_file);
  ASSERT_NE(cert, nullptr);
  EXPECT_THAT(SanEntries(cert.get(), GEN_DNS), ElementsAre("localhost", "navigator.default.svc"));
  EXPECT_THAT(SanEntries(cert.get(), GEN_IPADD), ElementsAre("127.0.0.1", "::1"));

  EXPECT_EQ(ToTimePoint(X509_get0_notBefore(cert.get())), kStart - 1h);
  EXPECT_EQ(ToTimePoint(X509_get0_notAfter(cert.get())), kStart + 365 * 24h);

  const uint32_t flags = X509_get_extension_flags(cert.get());
  EXPECT_TRUE(flags & EXFLAG_BCONS);
  EXPECT_FALSE(flags & EXFLAG_CA);
  EXPECT_EQ(X509_get_key_usage(cert.get()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE));
  EXPECT_EQ(X509_get_extended_key_usage(cert.get()), static_cast<uint32_t>(XKU_SSL_SERVER));
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_ecdsa_with_SHA256);

  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  ASSERT_NE(key, nullptr);
  EXPECT_TRUE(EVP_PKEY_is_a(key, "EC"));
  char group[64] = {};
  ASSERT_EQ(EVP_PKEY_get_group_name(key, group, sizeof(group), nullptr), 1);
  EXPECT_STREQ(group, "prime256v1");
  EXPECT_EQ(X509_verify(cert.get(), key), 1);  // self-signed
  EXPECT_NE(SerialHex(cert.get()), "0");
  EXPECT_THAT(ReadAll(paths->key_file), HasSubstr("-----BEGIN PRIVATE KEY-----"));
}

TEST_F(SelfSignedTest, ReusesAValidCertificateCoveringTheNames) {
  auto first = Ensure({"localhost", "a.example"}, {"127.0.0.1"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const std::string cert = ReadAll(first->cert_file);
  const std::string key = ReadAll(first->key_file);

  clock_.Advance(30 * 24h);
  auto second = Ensure({"localhost", "a.example"}, {"127.0.0.1"});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(ReadAll(second->cert_file), cert);
  EXPECT_EQ(ReadAll(second->key_file), key);

  // A subset of the names is covered too.
  auto subset = Ensure({"a.example"}, {});
  ASSERT_TRUE(subset.ok());
  EXPECT_EQ(ReadAll(subset->cert_file), cert);
}

TEST_F(SelfSignedTest, RegeneratesWhenTheNamesChange) {
  auto first = Ensure({"localhost"}, {"127.0.0.1"});
  ASSERT_TRUE(first.ok());
  const std::string cert = ReadAll(first->cert_file);

  auto more_dns = Ensure({"localhost", "b.example"}, {"127.0.0.1"});
  ASSERT_TRUE(more_dns.ok()) << more_dns.status().ToString();
  EXPECT_NE(ReadAll(more_dns->cert_file), cert);
  CertPtr parsed = LoadCert(more_dns->cert_file);
  EXPECT_THAT(SanEntries(parsed.get(), GEN_DNS), UnorderedElementsAre("localhost", "b.example"));

  const std::string second = ReadAll(more_dns->cert_file);
  auto other_ip = Ensure({"localhost", "b.example"}, {"10.0.0.1"});
  ASSERT_TRUE(other_ip.ok());
  EXPECT_NE(ReadAll(other_ip->cert_file), second);
  parsed = LoadCert(other_ip->cert_file);
  EXPECT_THAT(SanEntries(parsed.get(), GEN_IPADD), ElementsAre("10.0.0.1"));
  EXPECT_EQ(Mode(other_ip->key_file), 0600);
}

TEST_F(SelfSignedTest, RegeneratesWhenExpiredOrNotYetValid) {
  auto first = Ensure({"localhost"}, {});
  ASSERT_TRUE(first.ok());
  const std::string cert = ReadAll(first->cert_file);

  clock_.Advance(366 * 24h);
  auto expired = Ensure({"localhost"}, {});
  ASSERT_TRUE(expired.ok());
  const std::string renewed = ReadAll(expired->cert_file);
  EXPECT_NE(renewed, cert);
  CertPtr parsed = LoadCert(expired->cert_file);
  EXPECT_EQ(ToTimePoint(X509_get0_notBefore(parsed.get())), kStart + 366 * 24h - 1h);

  // A clock set back before notBefore.
  FakeClock earlier(kStart);
  auto not_yet_valid = EnsureSelfSignedCertificate(dir_, {"localhost"}, {}, earlier);
  ASSERT_TRUE(not_yet_valid.ok());
  EXPECT_NE(ReadAll(not_yet_valid->cert_file), renewed);
}

TEST_F(SelfSignedTest, RegeneratesCorruptOrMismatchedFiles) {
  auto first = Ensure({"localhost"}, {});
  ASSERT_TRUE(first.ok());
  std::ofstream(first->cert_file, std::ios::trunc) << "not a certificate";
  auto repaired = Ensure({"localhost"}, {});
  ASSERT_TRUE(repaired.ok()) << repaired.status().ToString();
  ASSERT_NE(LoadCert(repaired->cert_file), nullptr);

  // A key from another pair.
  std::string other_dir = root_ + "/other";
  auto other = EnsureSelfSignedCertificate(other_dir, {"localhost"}, {}, clock_);
  ASSERT_TRUE(other.ok());
  fs::copy_file(other->key_file, repaired->key_file, fs::copy_options::overwrite_existing);
  const std::string cert = ReadAll(repaired->cert_file);
  auto again = Ensure({"localhost"}, {});
  ASSERT_TRUE(again.ok());
  EXPECT_NE(ReadAll(again->cert_file), cert);
  EXPECT_NE(ReadAll(again->key_file), ReadAll(other->key_file));
}

TEST_F(SelfSignedTest, SerialNumbersAreRandom) {
  auto a = EnsureSelfSignedCertificate(root_ + "/a", {"localhost"}, {}, clock_);
  auto b = EnsureSelfSignedCertificate(root_ + "/b", {"localhost"}, {}, clock_);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(SerialHex(LoadCert(a->cert_file).get()), SerialHex(LoadCert(b->cert_file).get()));
}

TEST_F(SelfSignedTest, RejectsBadNames) {
  auto none = Ensure({}, {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kBadRequest);

  auto bad_ip = Ensure({"localhost"}, {"300.1.2.3"});
  ASSERT_FALSE(bad_ip.ok());
  EXPECT_EQ(bad_ip.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(bad_ip.status().message(), HasSubstr("300.1.2.3"));

  auto bad_dns = Ensure({"a,b"}, {});
  ASSERT_FALSE(bad_dns.ok());
  EXPECT_EQ(bad_dns.status().code(), StatusCode::kBadRequest);
}

TEST_F(SelfSignedTest, ErrorsNameThePath) {
  const std::string file = root_ + "/a-file";
  std::ofstream(file) << "x";
  const std::string dir = file + "/certs";
  auto result = EnsureSelfSignedCertificate(dir, {"localhost"}, {}, clock_);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr(dir));
}

}  // namespace
}  // namespace navigator::http
