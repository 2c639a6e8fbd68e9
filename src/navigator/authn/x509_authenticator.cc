#include "navigator/authn/x509_authenticator.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <utility>

namespace navigator::authn {
namespace {

Status Unauthorized(std::string message) {
  return Status(StatusCode::kUnauthorized, std::move(message));
}

// The user UID from the subject's UID attributes, as Kubernetes' parseUIDFromCert.
Result<std::string> UidOf(const VerifiedCertificate& certificate) {
  if (certificate.uid_not_a_string) return Unauthorized("unable to parse UID into a string");
  if (certificate.uids.empty()) return std::string();
  if (certificate.uids.size() != 1) {
    return Unauthorized(
        fmt::format("expected 1 UID, but found multiple: [{}]", fmt::join(certificate.uids, " ")));
  }
  if (certificate.uids.front().empty()) return Unauthorized("UID cannot be an empty string");
  return certificate.uids.front();
}

}  // namespace

std::string CertificateCredentialId(std::string_view der) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &size, EVP_sha256(), nullptr) != 1) return "";
  std::string out = "X509SHA256=";
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

X509Authenticator::X509Authenticator(const Clock& clock, std::shared_ptr<const CaPool> pool)
    : clock_(clock), pool_(std::move(pool)) {}

void X509Authenticator::SetPool(std::shared_ptr<const CaPool> pool) {
  std::lock_guard lock(mu_);
  pool_ = std::move(pool);
}

std::shared_ptr<const CaPool> X509Authenticator::pool() const {
  std::lock_guard lock(mu_);
  return pool_;
}

Result<std::optional<UserInfo>> X509Authenticator::Authenticate(
    const http::Request& request) const {
  if (request.peer_certificates_der.empty()) return std::optional<UserInfo>();
  const std::shared_ptr<const CaPool> pool = this->pool();
  if (!pool) return std::optional<UserInfo>();
  Result<VerifiedCertificate> verified = pool->Verify(request.peer_certificates_der, clock_.Now());
  if (!verified.ok()) return Unauthorized("client certificate: " + verified.status().message());
  VerifiedCertificate leaf = *std::move(verified);
  if (leaf.common_name.empty()) return std::optional<UserInfo>();
  NAVIGATOR_ASSIGN_OR_RETURN(std::string uid, UidOf(leaf));
  UserInfo user;
  user.name = std::move(leaf.common_name);
  user.uid = std::move(uid);
  user.groups = std::move(leaf.organizations);
  const std::string credential_id = CertificateCredentialId(request.peer_certificates_der.front());
  if (!credential_id.empty()) user.extra[kCredentialIdKey] = {credential_id};
  return std::optional<UserInfo>(std::move(user));
}

}  // namespace navigator::authn
