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

// Go's strconv.Quote (what %q prints for a string): double quotes, '"' and
// '\' escaped, control and non-printing characters and invalid UTF-8 bytes
// as escapes. Printability beyond ASCII is approximated: C1 controls, U+00AD,
// U+2028, U+2029, U+FEFF and U+FFFE/U+FFFF are escaped, all else kept.
std::string GoQuote(std::string_view text);

}  // namespace navigator::authz
