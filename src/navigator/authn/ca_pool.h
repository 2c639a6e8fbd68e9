#pragma once

// A set of trusted CA certificates that verifies client certificate chains for
// TLS client authentication, as Go's x509.Certificate.Verify with
// KeyUsages=[ClientAuth] does for kube-apiserver's --client-ca-file and
// --requestheader-client-ca-file.
//
// Immutable once built; Verify may be called concurrently. Share it as
// shared_ptr<const CaPool> and replace the whole pool when the bundle changes.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/clock.h"
#include "navigator/base/result.h"

namespace navigator::authn {

// What authentication needs of a verified leaf certificate.
struct VerifiedCertificate {
  // The subject's common name (the last CN attribute, as Go reads it); "" when none.
  std::string common_name;
  // The subject's O attributes, in order.
  std::vector<std::string> organizations;
  // The values of Kubernetes' user UID attribute (OID 1.3.6.1.4.1.57683.2), in
  // order, and whether any such attribute was not a string.
  std::vector<std::string> uids;
  bool uid_not_a_string = false;
};

// At most this many certificates are accepted in a presented chain.
inline constexpr std::size_t kMaxChainLength = 16;

class CaPool {
 public:
  // Builds a pool from a PEM bundle: every CERTIFICATE block is a trust anchor
  // (intermediates included, as in Go: a chain may end at any of them); other
  // PEM blocks are skipped. BadRequest when a CERTIFICATE block does not parse
  // or the bundle holds no certificate.
  static Result<std::shared_ptr<const CaPool>> FromPem(std::string_view pem);

  ~CaPool();
  CaPool(const CaPool&) = delete;
  CaPool& operator=(const CaPool&) = delete;

  // Verifies `chain_der` (DER certificates, leaf first, the rest untrusted
  // intermediates, as presented in the TLS handshake) at time `now`: the leaf
  // must chain to one of the pool's certificates, every certificate must be
  // valid at `now`, and every certificate of the chain that has an
  // extendedKeyUsage must allow clientAuth (or anyExtendedKeyUsage), as Go
  // checks it; keyUsage bits are not checked (Go does not either). On
  // failure: kUnauthorized with the reason, such as
  //   verifying certificate SN=..., SKID=..., AKID=... failed: x509: certificate has expired
  //   or is not yet valid: current time ... is after ...
  // (also "signed by unknown authority", "specifies an incompatible key
  // usage", malformed or empty chains).
  Result<VerifiedCertificate> Verify(const std::vector<std::string>& chain_der,
                                     Clock::TimePoint now) const;

  // The number of certificates in the pool (at least one).
  std::size_t size() const;

 private:
  struct State;
  explicit CaPool(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace navigator::authn
