#pragma once

// Kubernetes' request-header (front-proxy) authenticator: a request whose
// client certificate verifies against the request-header CA, with a common
// name in the allowed list, is from the user its X-Remote-* headers name.
// Those headers are never read on any other request.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "navigator/authn/authenticator.h"
#include "navigator/authn/ca_pool.h"
#include "navigator/authn/request_header_identity.h"
#include "navigator/base/clock.h"

namespace navigator::authn {

// What the kube-system/extension-apiserver-authentication ConfigMap says
// about the front proxy (requestheader-client-ca-file,
// requestheader-allowed-names, requestheader-*-headers).
struct RequestHeaderConfig {
  std::shared_ptr<const CaPool> ca;        // null: the authenticator does not apply
  std::vector<std::string> allowed_names;  // allowed CNs; empty: any the CA signed
  RequestHeaderNames headers;
};

class RequestHeaderAuthenticator final : public Authenticator {
 public:
  // `clock` gives the verification time and must outlive this. Until a config
  // is set, every request is "not applicable".
  explicit RequestHeaderAuthenticator(const Clock& clock);

  // Replaces the configuration atomically (CA, names and headers together, so
  // a request sees one consistent snapshot). BadRequest for an empty header
  // name, keeping the previous configuration. Thread-safe.
  Status SetConfig(RequestHeaderConfig config);
  std::shared_ptr<const RequestHeaderConfig> config() const;

  // nullopt without a configuration or CA, without a client certificate, or
  // when the proxy's request names no user (UserFromHeaders). kUnauthorized
  // when the chain does not verify against the request-header CA or its CN is
  // not allowed: the headers are then ignored. Otherwise the headers' user.
  Result<std::optional<UserInfo>> Authenticate(const http::Request& request) const override;

 private:
  const Clock& clock_;
  mutable std::mutex mu_;
  std::shared_ptr<const RequestHeaderConfig> config_;  // guarded by mu_
};

}  // namespace navigator::authn
