#include "navigator/http/testing/test_pki.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "navigator/http/openssl_ptr.h"

namespace navigator::http::testing {
namespace {

using openssl::BioPtr;
using openssl::CertPtr;
using openssl::ExtensionPtr;
using openssl::KeyPtr;
using openssl::ObjectPtr;

constexpr const char* kUidOid = "1.3.6.1.4.1.57683.2";

Status OpenSslError(const std::string& what) {
  char buffer[256] = {};
  ERR_error_string_n(ERR_get_error(), buffer, sizeof(buffer));
  ERR_clear_error();
  return Internal("test PKI: " + what + ": " + buffer);
}

Status AddEntry(X509_NAME* name, const char* field, const std::string& value) {
  if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.data()),
                                 static_cast<int>(value.size()), -1, 0) != 1) {
    return OpenSslError(std::string("adding subject ") + field + "=" + value);
  }
  return OkStatus();
}

Status AddUid(X509_NAME* name, const std::string& value) {
  ObjectPtr oid(OBJ_txt2obj(kUidOid, 1));
  if (!oid || X509_NAME_add_entry_by_OBJ(name, oid.get(), MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char*>(value.data()),
                                         static_cast<int>(value.size()), -1, 0) != 1) {
    return OpenSslError("adding subject UID " + value);
  }
  return OkStatus();
}

Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
  if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) {
    return OpenSslError("adding extension " + value);
  }
  return OkStatus();
}

Result<std::string> ToPem(const auto& write) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return OpenSslError("encoding PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// Signs a certificate for a new key with `issuer_key` (the new key when null).
Result<TestCertificate> Make(const CertificateOptions& options, X509* issuer_cert,
                             EVP_PKEY* issuer_key) {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return OpenSslError("generating a key");
  CertPtr cert(X509_new());
  if (!cert) return OpenSslError("allocating a certificate");
  uint64_t serial = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof(serial)) != 1) {
    return OpenSslError("generating a serial number");
  }
  using std::chrono::system_clock;
  const auto now = system_clock::now();
  const std::time_t not_before =
      system_clock::to_time_t(options.not_before.value_or(now - std::chrono::hours(1)));
  const std::time_t not_after =
      system_clock::to_time_t(options.not_after.value_or(now + std::chrono::hours(24 * 7)));
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), (serial >> 1) | 1) != 1 ||
      ASN1_TIME_set(X509_getm_notBefore(cert.get()), not_before) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert.get()), not_after) == nullptr ||
      X509_set_pubkey(cert.get(), key.get()) != 1) {
    return OpenSslError("filling in " + options.common_name);
  }
  X509_NAME* subject = X509_get_subject_name(cert.get());
  for (const std::string& organization : options.organizations) {
    NAVIGATOR_RETURN_IF_ERROR(AddEntry(subject, "O", organization));
  }
  for (const std::string& uid : options.uids) NAVIGATOR_RETURN_IF_ERROR(AddUid(subject, uid));
  if (!options.common_name.empty()) {
    NAVIGATOR_RETURN_IF_ERROR(AddEntry(subject, "CN", options.common_name));
  }
  X509* issuer = issuer_cert != nullptr ? issuer_cert : cert.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer)) != 1) {
    return OpenSslError("setting the issuer of " + options.common_name);
  }
  X509* c = cert.get();
  if (options.is_ca) {
    NAVIGATOR_RETURN_IF_ERROR(AddExtension(c, issuer, NID_basic_constraints, "critical,CA:TRUE"));
    NAVIGATOR_RETURN_IF_ERROR(
        AddExtension(c, issuer, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"));
  } else {
    NAVIGATOR_RETURN_IF_ERROR(AddExtension(c, issuer, NID_basic_constraints, "critical,CA:FALSE"));
    NAVIGATOR_RETURN_IF_ERROR(AddExtension(c, issuer, NID_key_usage, "critical,digitalSignature"));
  }
  NAVIGATOR_RETURN_IF_ERROR(AddExtension(c, issuer, NID_subject_key_identifier, "hash"));
  if (issuer_cert != nullptr) {
    NAVIGATOR_RETURN_IF_ERROR(
        AddExtension(c, issuer, NID_authority_key_identifier, "keyid:always"));
  }
  if (!options.extended_key_usage.empty()) {
    NAVIGATOR_RETURN_IF_ERROR(
        AddExtension(c, issuer, NID_ext_key_usage, options.extended_key_usage));
  }
  if (!options.subject_alt_names.empty()) {
    NAVIGATOR_RETURN_IF_ERROR(
        AddExtension(c, issuer, NID_subject_alt_name, options.subject_alt_names));
  }
  EVP_PKEY* signer = issuer_key != nullptr ? issuer_key : key.get();
  if (X509_sign(c, signer, EVP_sha256()) == 0) {
    return OpenSslError("signing " + options.common_name);
  }

  TestCertificate out;
  NAVIGATOR_ASSIGN_OR_RETURN(out.cert_pem,
                             ToPem([&](BIO* bio) { return PEM_write_bio_X509(bio, c); }));
  NAVIGATOR_ASSIGN_OR_RETURN(out.key_pem, ToPem([&](BIO* bio) {
                               return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0,
                                                               nullptr, nullptr);
                             }));
  const int size = i2d_X509(c, nullptr);
  if (size <= 0) return OpenSslError("encoding DER");
  out.der.resize(static_cast<std::size_t>(size));
  auto* der = reinterpret_cast<unsigned char*>(out.der.data());
  if (i2d_X509(c, &der) != size) return OpenSslError("encoding DER");
  return out;
}

}  // namespace

CertificateOptions CaOptions(std::string common_name) {
  CertificateOptions options;
  options.common_name = std::move(common_name);
  options.is_ca = true;
  options.extended_key_usage.clear();
  return options;
}

Result<TestCertificate> SelfSign(const CertificateOptions& options) {
  return Make(options, nullptr, nullptr);
}

Result<TestCertificate> Issue(const CertificateOptions& options, const TestCertificate& issuer) {
  BioPtr cert_bio(
      BIO_new_mem_buf(issuer.cert_pem.data(), static_cast<int>(issuer.cert_pem.size())));
  BioPtr key_bio(BIO_new_mem_buf(issuer.key_pem.data(), static_cast<int>(issuer.key_pem.size())));
  if (!cert_bio || !key_bio) return OpenSslError("reading the issuer");
  CertPtr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!cert || !key) return OpenSslError("parsing the issuer's certificate and key");
  return Make(options, cert.get(), key.get());
}

Result<std::string> WriteTestFile(const std::string& dir, const std::string& name,
                                  std::string_view contents) {
  const std::string path = dir + "/" + name;
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Internal("test PKI: creating " + path + ": " + std::strerror(errno));
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      close(fd);
      return Internal("test PKI: writing " + path + ": " + std::strerror(err));
    }
    written += static_cast<std::size_t>(n);
  }
  if (close(fd) != 0) return Internal("test PKI: writing " + path + ": " + std::strerror(errno));
  return path;
}

}  // namespace navigator::http::testing
