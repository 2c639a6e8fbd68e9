#pragma once

// Several authenticators tried in order, as Kubernetes' union authenticator:
// the first one that applies decides.

#include <memory>
#include <vector>

#include "navigator/authn/authenticator.h"

namespace navigator::authn {

class UnionAuthenticator final : public Authenticator {
 public:
  // Precondition: no element is null.
  explicit UnionAuthenticator(std::vector<std::shared_ptr<const Authenticator>> authenticators);

  // Asks each authenticator in order and returns the first user one
  // establishes; an authenticator's error does not stop the others (a client
  // certificate from the client CA still authenticates a request whose chain
  // the front-proxy authenticator rejected). When none applies: kUnauthorized
  // with Kubernetes' message "Unauthorized" if any failed (their reasons are
  // logged with the peer's address, never sent to the client), else nullopt
  // (the caller decides about anonymous requests).
  Result<std::optional<UserInfo>> Authenticate(const http::Request& request) const override;

 private:
  const std::vector<std::shared_ptr<const Authenticator>> authenticators_;
};

}  // namespace navigator::authn
