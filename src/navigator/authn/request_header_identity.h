#pragma once

// The identity a trusted front proxy (kube-apiserver's aggregator) asserts in
// request headers, read as Kubernetes' request-header authenticator reads it
// (--requestheader-username-headers, -uid-headers, -group-headers,
// -extra-headers-prefix). Only meaningful once the request's client
// certificate was verified as the proxy's: see RequestHeaderAuthenticator.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/authn/user_info.h"
#include "navigator/base/result.h"
#include "navigator/http/request.h"

namespace navigator::authn {

// Header names, matched case-insensitively. The defaults are kube-apiserver's
// conventional ones; the real lists come from the
// kube-system/extension-apiserver-authentication ConfigMap.
struct RequestHeaderNames {
  std::vector<std::string> username_headers = {"X-Remote-User"};
  std::vector<std::string> uid_headers;  // none unless configured
  std::vector<std::string> group_headers = {"X-Remote-Group"};
  std::vector<std::string> extra_header_prefixes = {"X-Remote-Extra-"};

  bool operator==(const RequestHeaderNames&) const = default;
};

// `names` with every entry trimmed of spaces; BadRequest naming the list when
// an entry is empty (as Kubernetes refuses them).
Result<RequestHeaderNames> NormalizeRequestHeaderNames(RequestHeaderNames names);

// The user in `headers`, or nullopt when no username header has a value:
// - name (and uid): the first value of the first listed header whose first
//   value is not empty;
// - groups: every non-empty value of every group header, in list order then
//   arrival order (values are not split at commas);
// - extra: for every prefix, every header whose name starts with it: key = the
//   rest of the name lower-cased then percent-decoded (UnescapeExtraKey),
//   values appended in arrival order, empty ones included.
// Never fails; the size of the result is bounded by the size of `headers`.
std::optional<UserInfo> UserFromHeaders(const http::NameValues& headers,
                                        const RequestHeaderNames& names);

// Decodes %XX escapes as Go's url.PathUnescape ('+' stays '+'); returns `key`
// unchanged when any '%' is not followed by two hex digits.
std::string UnescapeExtraKey(std::string_view key);

}  // namespace navigator::authn
