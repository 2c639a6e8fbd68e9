#include "navigator/authn/union_authenticator.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <string>
#include <utility>

namespace navigator::authn {

UnionAuthenticator::UnionAuthenticator(
    std::vector<std::shared_ptr<const Authenticator>> authenticators)
    : authenticators_(std::move(authenticators)) {}

Result<std::optional<UserInfo>> UnionAuthenticator::Authenticate(
    const http::Request& request) const {
  std::vector<std::string> reasons;
  for (const auto& authenticator : authenticators_) {
    Result<std::optional<UserInfo>> user = authenticator->Authenticate(request);
    if (!user.ok()) {
      reasons.push_back(user.status().message());
      continue;
    }
    if (user->has_value()) return user;
  }
  if (reasons.empty()) return std::optional<UserInfo>();
  spdlog::error("Unable to authenticate the request from {}: [{}]", request.remote_address,
                fmt::join(reasons, "; "));
  return Status(StatusCode::kUnauthorized, "Unauthorized");
}

}  // namespace navigator::authn
