#pragma once

// Throw-away certificates for tests of TLS client authentication: CAs,
// intermediates and leaf certificates with chosen subjects, validity and
// extended key usage (ECDSA P-256 keys). Thread-safe (no shared state).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::http::testing {

// A certificate and its private key.
struct TestCertificate {
  std::string cert_pem;  // the certificate alone
  std::string key_pem;
  std::string der;  // the certificate, DER
};

struct CertificateOptions {
  std::string common_name;                 // subject CN; none when empty
  std::vector<std::string> organizations;  // subject O entries, in order
  // Values of Kubernetes' user UID subject attribute (OID 1.3.6.1.4.1.57683.2).
  std::vector<std::string> uids;
  // Validity; by default from an hour before now to a week after now.
  std::optional<std::chrono::system_clock::time_point> not_before;
  std::optional<std::chrono::system_clock::time_point> not_after;
  // A CA: basicConstraints CA:TRUE and keyUsage keyCertSign. Otherwise a leaf
  // with keyUsage digitalSignature.
  bool is_ca = false;
  // extendedKeyUsage in OpenSSL's configuration syntax ("clientAuth",
  // "serverAuth,clientAuth"); empty leaves the extension out.
  std::string extended_key_usage = "clientAuth";
  // subjectAltName in OpenSSL's configuration syntax ("DNS:localhost,IP:127.0.0.1").
  std::string subject_alt_names;
};

// Options for a CA named `common_name` with no extended key usage.
CertificateOptions CaOptions(std::string common_name);

// A self-signed certificate (a root CA when options.is_ca).
Result<TestCertificate> SelfSign(const CertificateOptions& options);

// A certificate signed by `issuer`'s key, naming it as issuer. Precondition:
// issuer holds a certificate and its key.
Result<TestCertificate> Issue(const CertificateOptions& options, const TestCertificate& issuer);

// Writes `contents` to <dir>/<name> with mode 0600 and returns the path.
Result<std::string> WriteTestFile(const std::string& dir, const std::string& name,
                                  std::string_view contents);

}  // namespace navigator::http::testing
