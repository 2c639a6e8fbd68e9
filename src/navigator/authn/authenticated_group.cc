#include "navigator/authn/authenticated_group.h"

#include <algorithm>

namespace navigator::authn {

void AddAuthenticatedGroup(UserInfo& user) {
  if (user.name == kAnonymousUser) return;
  const bool marked = std::any_of(user.groups.begin(), user.groups.end(), [](const auto& group) {
    return group == kAllAuthenticatedGroup || group == kAllUnauthenticatedGroup;
  });
  if (!marked) user.groups.push_back(kAllAuthenticatedGroup);
}

}  // namespace navigator::authn
