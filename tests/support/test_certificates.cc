#include "tests/support/test_certificates.h"

#include <fmt/format.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace navigator::test_support {
namespace {

struct Deleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter>;
using Cert = std::unique_ptr<X509, Deleter>;

Status OpenSslError(const std::string& what) {
  char buffer[256] = {};
  ERR_error_string_n(ERR_get_error(), buffer, sizeof(buffer));
  return Internal(fmt::format("test certificates: {}: {}", what, buffer));
}

struct Issued {
  Key key;
  Cert cert;
};

// Issues a certificate for a new key; self-signed when `issuer` is null.
Result<Issued> Issue(const std::string& common_name, const Issued* issuer,
                     const std::vector<std::pair<int, std::string>>& extensions) {
  Issued out;
  out.key.reset(EVP_EC_gen("P-256"));
  if (!out.key) return OpenSslError("generating a key");
  out.cert.reset(X509_new());
  X509* cert = out.cert.get();
  uint64_t serial = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof(serial)) != 1) {
    return OpenSslError("generating a serial number");
  }
  if (X509_set_version(cert, 2) != 1 ||
      ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), serial >> 1) != 1 ||
      !X509_gmtime_adj(X509_getm_notBefore(cert), -3600) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert), 7 * 24 * 3600) ||
      X509_set_pubkey(cert, out.key.get()) != 1 ||
      X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                 -1, 0) != 1) {
    return OpenSslError("filling in " + common_name);
  }
  X509* issuer_cert = issuer ? issuer->cert.get() : cert;
  EVP_PKEY* issuer_key = issuer ? issuer->key.get() : out.key.get();
  if (X509_set_issuer_name(cert, X509_get_subject_name(issuer_cert)) != 1) {
    return OpenSslError("setting the issuer of " + common_name);
  }
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer_cert, cert, nullptr, nullptr, 0);
  for (const auto& [nid, value] : extensions) {
    std::unique_ptr<X509_EXTENSION, Deleter> ext(
        X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
      return OpenSslError(fmt::format("adding extension {} to {}", value, common_name));
    }
  }
  if (X509_sign(cert, issuer_key, EVP_sha256()) == 0) return OpenSslError("signing " + common_name);
  return out;
}

Status WritePem(const std::string& path, bool private_file, const auto& write) {
  std::unique_ptr<BIO, Deleter> bio(BIO_new_file(path.c_str(), "w"));
  if (!bio) return OpenSslError("creating " + path);
  if (private_file && chmod(path.c_str(), 0600) != 0) {
    return Internal(fmt::format("test certificates: chmod {} failed", path));
  }
  if (write(bio.get()) != 1) return OpenSslError("writing " + path);
  return OkStatus();
}

Status WritePair(const Issued& issued, const std::string& cert_path, const std::string& key_path) {
  NAVIGATOR_RETURN_IF_ERROR(WritePem(
      cert_path, false, [&](BIO* bio) { return PEM_write_bio_X509(bio, issued.cert.get()); }));
  if (key_path.empty()) return OkStatus();
  return WritePem(key_path, true, [&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, issued.key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
}

}  // namespace

Result<TestCertificates> WriteTestCertificates(const std::string& dir) {
  NAVIGATOR_ASSIGN_OR_RETURN(
      Issued ca, Issue("navigator-test-ca", nullptr,
                       {{NID_basic_constraints, "critical,CA:TRUE"},
                        {NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"},
                        {NID_subject_key_identifier, "hash"}}));
  const std::vector<std::pair<int, std::string>> leaf = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
      {NID_ext_key_usage, "serverAuth,clientAuth"},
      {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"},
      {NID_authority_key_identifier, "keyid:always"}};
  NAVIGATOR_ASSIGN_OR_RETURN(Issued server, Issue("navigator-test-etcd", &ca, leaf));
  NAVIGATOR_ASSIGN_OR_RETURN(Issued client,
                             Issue("navigator-test-client", &ca,
                                   {{NID_basic_constraints, "critical,CA:FALSE"},
                                    {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                                    {NID_ext_key_usage, "clientAuth"},
                                    {NID_authority_key_identifier, "keyid:always"}}));
  TestCertificates files{dir + "/ca.crt", dir + "/server.crt", dir + "/server.key",
                         dir + "/client.crt", dir + "/client.key"};
  NAVIGATOR_RETURN_IF_ERROR(WritePair(ca, files.ca_file, ""));
  NAVIGATOR_RETURN_IF_ERROR(WritePair(server, files.server_cert_file, files.server_key_file));
  NAVIGATOR_RETURN_IF_ERROR(WritePair(client, files.client_cert_file, files.client_key_file));
  return files;
}

}  // namespace navigator::test_support
