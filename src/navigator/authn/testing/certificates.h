#pragma once

// Test helpers for authn: certificates that fail the test when they cannot be
// made, CA pools from them, and requests that present them.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "navigator/authn/ca_pool.h"
#include "navigator/http/request.h"
#include "navigator/http/testing/test_pki.h"

namespace navigator::authn::testing {

using http::testing::CaOptions;
using http::testing::CertificateOptions;
using http::testing::TestCertificate;

inline CertificateOptions ClientOptions(std::string common_name,
                                        std::vector<std::string> organizations = {}) {
  CertificateOptions options;
  options.common_name = std::move(common_name);
  options.organizations = std::move(organizations);
  return options;
}

inline TestCertificate MustSelfSign(const CertificateOptions& options) {
  auto cert = http::testing::SelfSign(options);
  EXPECT_TRUE(cert.ok()) << cert.status().ToString();
  return cert.ok() ? *std::move(cert) : TestCertificate{};
}

inline TestCertificate MustIssue(const CertificateOptions& options, const TestCertificate& issuer) {
  auto cert = http::testing::Issue(options, issuer);
  EXPECT_TRUE(cert.ok()) << cert.status().ToString();
  return cert.ok() ? *std::move(cert) : TestCertificate{};
}

inline std::shared_ptr<const CaPool> MustPool(const std::string& pem) {
  auto pool = CaPool::FromPem(pem);
  EXPECT_TRUE(pool.ok()) << pool.status().ToString();
  return pool.ok() ? *std::move(pool) : nullptr;
}

// A request presenting `chain` (DER, leaf first) with `headers`.
inline http::Request RequestWith(std::vector<std::string> chain, http::NameValues headers = {}) {
  http::Request request;
  request.method = "GET";
  request.target = request.path = "/apis";
  request.remote_address = "127.0.0.1:40000";
  request.peer_certificates_der = std::move(chain);
  request.headers = std::move(headers);
  return request;
}

}  // namespace navigator::authn::testing
