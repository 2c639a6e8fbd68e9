#pragma once

// Kubernetes' AuthenticatedGroupAdder: every authenticated user is also in the
// group system:authenticated, which RBAC's default bindings (discovery, basic
// user) name.

#include "navigator/authn/user_info.h"

namespace navigator::authn {

inline constexpr const char* kAllAuthenticatedGroup = "system:authenticated";
inline constexpr const char* kAllUnauthenticatedGroup = "system:unauthenticated";
inline constexpr const char* kAnonymousUser = "system:anonymous";

// Appends system:authenticated to `user.groups` unless the user is
// system:anonymous or already in system:authenticated or
// system:unauthenticated (as Kubernetes).
void AddAuthenticatedGroup(UserInfo& user);

}  // namespace navigator::authn
