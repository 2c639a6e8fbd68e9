#include "navigator/authn/ca_pool.h"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <ctime>
#include <limits>
#include <utility>

#include "navigator/http/openssl_ptr.h"

namespace navigator::authn {
namespace {

using openssl::BignumPtr;
using openssl::BioPtr;
using openssl::CertPtr;
using openssl::ObjectPtr;
using openssl::StoreCtxPtr;
using openssl::StorePtr;
struct OpenSslFree {
  void operator()(void* p) const { OPENSSL_free(p); }
};
struct CertStackFree {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};
using CertStackPtr = std::unique_ptr<STACK_OF(X509), CertStackFree>;

// Kubernetes' user UID attribute of a subject name.
constexpr const char* kUidOid = "1.3.6.1.4.1.57683.2";

Status Unauthorized(std::string message) {
  return Status(StatusCode::kUnauthorized, std::move(message));
}

std::string OpenSslErrorText() {
  std::string text;
  while (const unsigned long err = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(err, buffer, sizeof(buffer));
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown OpenSSL error" : text;
}

// Parses exactly one DER certificate (no trailing bytes), or null.
CertPtr ParseDer(std::string_view der) {
  const auto* in = reinterpret_cast<const unsigned char*>(der.data());
  const auto* end = in + der.size();
  CertPtr cert(d2i_X509(nullptr, &in, static_cast<long>(der.size())));
  if (cert && in != end) cert.reset();
  return cert;
}

// The attribute value as UTF-8 when it is one of the string types Go's
// crypto/x509 decodes (so that only those count, as in Kubernetes).
bool StringValue(const ASN1_STRING* value, std::string& out) {
  switch (ASN1_STRING_type(value)) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_T61STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_NUMERICSTRING:
      break;
    default:
      return false;
  }
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, value);
  if (size < 0) {
    ERR_clear_error();
    return false;
  }
  std::unique_ptr<unsigned char, OpenSslFree> owned(utf8);
  out.assign(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(size));
  return true;
}

VerifiedCertificate SubjectOf(X509* leaf, const ASN1_OBJECT* uid_oid) {
  VerifiedCertificate out;
  const X509_NAME* subject = X509_get_subject_name(leaf);
  const int count = X509_NAME_entry_count(subject);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(subject, i);
    const ASN1_OBJECT* type = X509_NAME_ENTRY_get_object(entry);
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(entry);
    std::string value;
    const bool is_string = StringValue(data, value);
    const int nid = OBJ_obj2nid(type);
    if (nid == NID_commonName) {
      if (is_string) out.common_name = std::move(value);
    } else if (nid == NID_organizationName) {
      if (is_string) out.organizations.push_back(std::move(value));
    } else if (uid_oid != nullptr && OBJ_cmp(type, uid_oid) == 0) {
      if (is_string) {
        out.uids.push_back(std::move(value));
      } else {
        out.uid_not_a_string = true;
      }
    }
  }
  return out;
}

// As Go's Verify with KeyUsages=[ClientAuth], every certificate of the chain
// that restricts its extended key usage must allow clientAuth or any usage:
// the position of the first that does not, or -1.
int FirstNotForClientAuth(STACK_OF(X509) * chain) {
  const int count = chain == nullptr ? 0 : sk_X509_num(chain);
  for (int i = 0; i < count; ++i) {
    X509* cert = sk_X509_value(chain, i);
    if ((X509_get_extension_flags(cert) & EXFLAG_XKUSAGE) == 0) continue;
    if ((X509_get_extended_key_usage(cert) & (XKU_SSL_CLIENT | XKU_ANYEKU)) == 0) return i;
  }
  return -1;
}

std::string ColonHex(const ASN1_OCTET_STRING* value) {
  if (value == nullptr) return "";
  std::string out;
  const unsigned char* data = ASN1_STRING_get0_data(value);
  for (int i = 0; i < ASN1_STRING_length(value); ++i) {
    if (i > 0) out += ':';
    out += fmt::format("{:02X}", data[i]);
  }
  return out;
}

// "SN=..., SKID=..., AKID=...", as Kubernetes names a certificate in errors.
std::string Identifier(X509* cert) {
  std::string serial = "?";
  BignumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (number) {
    std::unique_ptr<char, OpenSslFree> text(BN_bn2dec(number.get()));
    if (text) serial = text.get();
  }
  ERR_clear_error();
  return fmt::format("SN={}, SKID={}, AKID={}", serial, ColonHex(X509_get0_subject_key_id(cert)),
                     ColonHex(X509_get0_authority_key_id(cert)));
}

std::string Rfc3339(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string Rfc3339(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
    ERR_clear_error();
    return "?";
  }
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// Go's wording for a failed verification, from OpenSSL's error.
std::string VerifyErrorText(int error, X509* cert, std::time_t now) {
  std::string text;
  switch (error) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return fmt::format(
          "x509: certificate has expired or is not yet valid: current time {} is after {}",
          Rfc3339(now), Rfc3339(cert == nullptr ? nullptr : X509_get0_notAfter(cert)));
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return fmt::format(
          "x509: certificate has expired or is not yet valid: current time {} is before {}",
          Rfc3339(now), Rfc3339(cert == nullptr ? nullptr : X509_get0_notBefore(cert)));
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_CERT_UNTRUSTED:
      return fmt::format("x509: certificate signed by unknown authority ({})",
                         X509_verify_cert_error_string(error));
    case X509_V_ERR_INVALID_PURPOSE:
      return "x509: certificate specifies an incompatible key usage";
    default:
      return fmt::format("x509: {}", X509_verify_cert_error_string(error));
  }
}

}  // namespace

struct CaPool::State {
  StorePtr store;
  ObjectPtr uid_oid;
  std::size_t size = 0;
};

CaPool::CaPool(std::unique_ptr<State> state) : state_(std::move(state)) {}
CaPool::~CaPool() = default;

std::size_t CaPool::size() const {
  return state_->size;
}

Result<std::shared_ptr<const CaPool>> CaPool::FromPem(std::string_view pem) {
  ERR_clear_error();
  auto state = std::make_unique<State>();
  state->store.reset(X509_STORE_new());
  state->uid_oid.reset(OBJ_txt2obj(kUidOid, 1));
  if (!state->store || !state->uid_oid) {
    return Internal("allocating a CA pool: " + OpenSslErrorText());
  }
  if (pem.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return BadRequest("the CA bundle is too large");
  }
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Internal("reading the CA bundle: " + OpenSslErrorText());
  for (int block = 1;; ++block) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &length) != 1) {
      const unsigned long err = ERR_peek_last_error();
      const bool end =
          ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE;
      if (end) {
        ERR_clear_error();
        break;
      }
      return BadRequest(
          fmt::format("the CA bundle's PEM block {} is malformed: {}", block, OpenSslErrorText()));
    }
    std::unique_ptr<char, OpenSslFree> owned_name(name);
    std::unique_ptr<char, OpenSslFree> owned_header(header);
    std::unique_ptr<unsigned char, OpenSslFree> owned_data(data);
    // As Kubernetes' cert.ParseCertsPEM: only CERTIFICATE blocks without headers count.
    if (std::string_view(name) != "CERTIFICATE" || (header != nullptr && header[0] != '\0')) {
      continue;
    }
    CertPtr cert = ParseDer(
        std::string_view(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length)));
    if (!cert) {
      ERR_clear_error();
      return BadRequest(
          fmt::format("the CA bundle's PEM block {} is not a valid X.509 certificate", block));
    }
    if (X509_STORE_add_cert(state->store.get(), cert.get()) != 1) {
      return Internal("adding a certificate to the CA pool: " + OpenSslErrorText());
    }
    ++state->size;
  }
  if (state->size == 0) return BadRequest("the CA bundle contains no PEM CERTIFICATE block");
  return std::shared_ptr<const CaPool>(new CaPool(std::move(state)));
}

Result<VerifiedCertificate> CaPool::Verify(const std::vector<std::string>& chain_der,
                                           Clock::TimePoint now) const {
  if (chain_der.empty()) return Unauthorized("no client certificate was presented");
  if (chain_der.size() > kMaxChainLength) {
    return Unauthorized(fmt::format("the client certificate chain has {} certificates; at most {}",
                                    chain_der.size(), kMaxChainLength));
  }
  CertPtr leaf = ParseDer(chain_der.front());
  if (!leaf) {
    ERR_clear_error();
    return Unauthorized("x509: the client certificate is malformed");
  }
  CertStackPtr intermediates(sk_X509_new_null());
  if (!intermediates) return Internal("allocating a certificate chain: " + OpenSslErrorText());
  for (std::size_t i = 1; i < chain_der.size(); ++i) {
    CertPtr cert = ParseDer(chain_der[i]);
    if (!cert) {
      ERR_clear_error();
      return Unauthorized(
          fmt::format("verifying certificate {} failed: x509: chain certificate {} is malformed",
                      Identifier(leaf.get()), i));
    }
    if (sk_X509_push(intermediates.get(), cert.get()) == 0) {
      return Internal("building a certificate chain: " + OpenSslErrorText());
    }
    cert.release();  // owned by the stack now
  }

  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx ||
      X509_STORE_CTX_init(ctx.get(), state_->store.get(), leaf.get(), intermediates.get()) != 1) {
    return Internal("starting certificate verification: " + OpenSslErrorText());
  }
  const std::time_t when = std::chrono::system_clock::to_time_t(now);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, when);
  // Any pool certificate may end a chain (Go's semantics), not only roots.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  // No OpenSSL purpose: it would refuse anyExtendedKeyUsage and check keyUsage
  // bits, which Go does not. The client-auth usage is checked below instead.
  int verified = X509_verify_cert(ctx.get());
  if (verified == 1) {
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
    if (const int position = FirstNotForClientAuth(chain); position >= 0) {
      X509_STORE_CTX_set_error(ctx.get(), X509_V_ERR_INVALID_PURPOSE);
      X509_STORE_CTX_set_error_depth(ctx.get(), position);
      X509_STORE_CTX_set_current_cert(ctx.get(), sk_X509_value(chain, position));
      verified = 0;
    }
  }
  if (verified != 1) {
    const int error = X509_STORE_CTX_get_error(ctx.get());
    X509* failing = X509_STORE_CTX_get_current_cert(ctx.get());
    const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    std::string reason = VerifyErrorText(error, failing != nullptr ? failing : leaf.get(), when);
    if (depth > 0) reason += fmt::format(" (chain certificate {})", depth);
    ERR_clear_error();
    return Unauthorized(
        fmt::format("verifying certificate {} failed: {}", Identifier(leaf.get()), reason));
  }
  return SubjectOf(leaf.get(), state_->uid_oid.get());
}

}  // namespace navigator::authn
