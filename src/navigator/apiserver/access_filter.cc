#include "navigator/apiserver/access_filter.h"

#include <spdlog/spdlog.h>

#include "navigator/apiserver/request_attributes.h"
#include "navigator/apiserver/responses.h"
#include "navigator/authn/authenticated_group.h"
#include "navigator/authz/forbidden_message.h"

namespace navigator::apiserver {
namespace {

Status Unauthorized() {
  return Status(StatusCode::kUnauthorized, "Unauthorized");
}

}  // namespace

Result<authn::UserInfo> AuthenticateRequest(const http::Request& request,
                                            const authn::Authenticator& authenticator,
                                            AccessOptions options) {
  auto authenticated = authenticator.Authenticate(request);
  if (!authenticated.ok()) {
    spdlog::info("authentication failed for {} {} from {}: {}", request.method, request.path,
                 request.remote_address, authenticated.status().message());
    return Unauthorized();
  }
  if (authenticated->has_value()) {
    authn::UserInfo user = std::move(**authenticated);
    authn::AddAuthenticatedGroup(user);
    return user;
  }
  if (!options.anonymous_auth) return Unauthorized();
  return authn::UserInfo{.name = authn::kAnonymousUser,
                         .groups = {authn::kAllUnauthenticatedGroup}};
}

http::Handler WithAccessControl(http::Handler next, const authn::Authenticator& authenticator,
                                const authz::Authorizer& authorizer, AccessOptions options) {
  return [next = std::move(next), &authenticator, &authorizer,
          options](const http::Request& request) -> http::Response {
    auto user = AuthenticateRequest(request, authenticator, options);
    if (!user.ok()) return StatusResponse(user.status());
    authz::Attributes attributes = RequestAttributes(request, std::move(*user));
    auto verdict = authorizer.Authorize(attributes);
    if (!verdict.ok()) {
      spdlog::warn("authorization of {} {} for user \"{}\" failed: {}", request.method,
                   request.path, attributes.user.name, verdict.status().message());
      return StatusResponse(
          Status(StatusCode::kServiceUnavailable,
                 fmt::format("authorization is unavailable, the request is refused until it can be "
                             "checked: {}",
                             verdict.status().message())));
    }
    if (verdict->decision == authz::Decision::kAllow) return next(request);
    spdlog::debug("forbidden: {} {} for user \"{}\": {}", request.method, request.path,
                  attributes.user.name, verdict->reason);
    return StatusResponse(authz::ForbiddenStatus(attributes, verdict->reason));
  };
}

}  // namespace navigator::apiserver
