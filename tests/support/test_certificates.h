#pragma once

// A throw-away PKI for TLS tests: a CA and a server and a client certificate
// it signed (ECDSA P-256, valid from an hour ago for a week).

#include <string>

#include "navigator/base/result.h"

namespace navigator::test_support {

struct TestCertificates {
  std::string ca_file;
  // For 127.0.0.1 and localhost; also usable as a client certificate.
  std::string server_cert_file;
  std::string server_key_file;
  // CN "navigator-test-client", extended key usage clientAuth.
  std::string client_cert_file;
  std::string client_key_file;
};

// Writes ca.crt, server.crt/.key and client.crt/.key (keys mode 0600) into the
// existing directory `dir`. Thread-safe.
Result<TestCertificates> WriteTestCertificates(const std::string& dir);

}  // namespace navigator::test_support
