#pragma once

// The interface of a request authenticator, as Kubernetes'
// authenticator.Request: from a request's credentials to the user it is from.

#include <optional>

#include "navigator/authn/user_info.h"
#include "navigator/base/result.h"
#include "navigator/http/request.h"

namespace navigator::authn {

class Authenticator {
 public:
  virtual ~Authenticator() = default;

  // The user `request` is from, when it carries credentials of this
  // authenticator's kind and they are valid. nullopt: this authenticator does
  // not apply (no such credentials, or it is not configured); another may.
  // An error (kUnauthorized, the message saying why, for the log) means the
  // credentials are invalid; it is never answered to the client as such
  // (see UnionAuthenticator). Thread-safe: called concurrently from the
  // server's worker threads.
  virtual Result<std::optional<UserInfo>> Authenticate(const http::Request& request) const = 0;
};

}  // namespace navigator::authn
