#pragma once

// Kubernetes' x509 client-certificate authenticator (--client-ca-file): a
// chain that verifies against the client CA pool is the user named by the
// leaf's subject, CN as the name and O entries as the groups.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "navigator/authn/authenticator.h"
#include "navigator/authn/ca_pool.h"
#include "navigator/base/clock.h"

namespace navigator::authn {

class X509Authenticator final : public Authenticator {
 public:
  // `clock` gives the verification time and must outlive this. A null pool
  // (no client CA configured yet) makes every request "not applicable".
  explicit X509Authenticator(const Clock& clock, std::shared_ptr<const CaPool> pool = nullptr);

  // Replaces the client CA pool (e.g. after the CA bundle rotated); requests
  // authenticated after the call use the new pool. Thread-safe.
  void SetPool(std::shared_ptr<const CaPool> pool);
  std::shared_ptr<const CaPool> pool() const;

  // nullopt without a client certificate, without a pool, or when the verified
  // leaf has no CN (as Kubernetes). kUnauthorized when the chain does not
  // verify (expired, unknown authority, not for client authentication,
  // malformed) or its UID attribute is invalid. Otherwise UserInfo{name = CN,
  // uid = the UID attribute (Kubernetes' AllowParsingUserUIDFromCertAuth),
  // groups = O..., extra = {kCredentialIdKey: ["X509SHA256=<hex>"]}}.
  Result<std::optional<UserInfo>> Authenticate(const http::Request& request) const override;

 private:
  const Clock& clock_;
  mutable std::mutex mu_;
  std::shared_ptr<const CaPool> pool_;  // guarded by mu_
};

// "X509SHA256=" and the lower-case hex SHA-256 of a certificate's DER.
std::string CertificateCredentialId(std::string_view der);

}  // namespace navigator::authn
