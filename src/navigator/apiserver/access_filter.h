#pragma once

// Authentication and authorization in front of every request, as
// kube-apiserver's WithAuthentication and WithAuthorization filters:
//
//   credentials invalid (any authenticator failed, none succeeded)  -> 401
//   no credentials and anonymous requests off                       -> 401
//   no credentials, anonymous on       -> system:anonymous / system:unauthenticated
//   authenticated                      -> the user, plus system:authenticated
//   authorizer allows                  -> the wrapped handler
//   authorizer denies or has no opinion -> 403 with kube's message
//   authorizer cannot decide (the cluster unreachable)              -> 503
//
// Fails closed: no error path reaches the wrapped handler.
//
// Ownership and threading: the authenticator and authorizer must outlive the
// returned handler, which is called concurrently from worker threads.

#include "navigator/authn/authenticator.h"
#include "navigator/authz/authorizer.h"
#include "navigator/http/request.h"

namespace navigator::apiserver {

struct AccessOptions {
  bool anonymous_auth = true;
};

http::Handler WithAccessControl(http::Handler next, const authn::Authenticator& authenticator,
                                const authz::Authorizer& authorizer, AccessOptions options);

// The user a request is from, after the rules above for authentication;
// kUnauthorized ("Unauthorized") when it must be refused.
Result<authn::UserInfo> AuthenticateRequest(const http::Request& request,
                                            const authn::Authenticator& authenticator,
                                            AccessOptions options);

}  // namespace navigator::apiserver
