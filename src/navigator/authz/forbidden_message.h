#pragma once

// The 403 answer to a request that authorization did not allow, worded as
// Kubernetes words it (responsewriters.Forbidden and apierrors.NewForbidden),
// so kubectl and users see the familiar message.

#include <string>
#include <string_view>

#include "navigator/authz/authorizer.h"
#include "navigator/base/status.h"

namespace navigator::authz {

// kube's forbiddenMessage, with '&', '<' and '>' escaped as HTML entities as
// kube does, and quoted fields quoted as Go's %q quotes them:
//   User "alice" cannot create resource "pilots/status" in API group
//   "navigator.jetstack.io" in the namespace "team-a"
//   User "alice" cannot list resource "pilots" in API group "navigator.jetstack.io"
//   at the cluster scope
//   User "alice" cannot get path "/foo"
std::string ForbiddenMessage(const Attributes& attributes);

// kForbidden with the message of apierrors.NewForbidden for the qualified
// resource <resource>.<group> (subresource not included) and the name:
//   pilots.navigator.jetstack.io "p1" is forbidden: <ForbiddenMessage>[: <reason>]
//   pilots.navigator.jetstack.io is forbidden: ...        (no name)
//   forbidden: User "x" cannot get path "/foo"            (non-resource)
// and details {name, group, kind = resource}. `reason` is appended unescaped,
// as kube does.
Status ForbiddenStatus(const Attributes& attributes, std::string_view reason);

}  // namespace navigator::authz
