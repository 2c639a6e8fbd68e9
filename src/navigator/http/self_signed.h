#pragma once

// Self-signed serving certificates, as kube-apiserver's --cert-dir does: when
// no certificate is given, one is generated in the directory and reused on
// every later start while it is still valid for the requested names.

#include <string>
#include <vector>

#include "navigator/base/clock.h"
#include "navigator/base/result.h"

namespace navigator::http {

struct CertificatePaths {
  std::string cert_file;
  std::string key_file;
};

// Ensures <cert_dir>/apiserver.crt and apiserver.key exist: a self-signed CA-
// less serving certificate (ECDSA P-256, one year from clock.Now()) whose
// subject alternative names are `dns_names` and `ip_addresses`. Reuses existing
// files when they parse, are unexpired and cover the names. Creates cert_dir
// (0700) and writes the key 0600. Errors name the path and the problem.
Result<CertificatePaths> EnsureSelfSignedCertificate(const std::string& cert_dir,
                                                     const std::vector<std::string>& dns_names,
                                                     const std::vector<std::string>& ip_addresses,
                                                     const Clock& clock);

}  // namespace navigator::http
