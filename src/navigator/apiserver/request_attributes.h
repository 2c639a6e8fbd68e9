#pragma once

// What a request asks to do, for authorization: kube's RequestInfo resolved
// into authorizer attributes (verb with watch and deletecollection told
// apart, a list narrowed to one name by fieldSelector=metadata.name=).

#include "navigator/authn/user_info.h"
#include "navigator/authz/authorizer.h"
#include "navigator/http/request.h"

namespace navigator::apiserver {

// Resource requests (/apis/<group>/<version>/...<resource>...) get the
// resource verbs: get, list, watch, create, update, patch, delete,
// deletecollection. Every other path is a non-resource request whose verb is
// the lower-case HTTP method, as kube-apiserver's RequestInfoFactory does.
authz::Attributes RequestAttributes(const http::Request& request, authn::UserInfo user);

}  // namespace navigator::apiserver
