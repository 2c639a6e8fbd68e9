#pragma once

// What the kube-system/extension-apiserver-authentication ConfigMap tells an
// aggregated API server about authentication (kube-apiserver keeps it current:
// the client CA, and the front proxy's CA, allowed names and headers), and
// kube's rule for static flags that override it.

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::authn {

inline constexpr const char* kAuthenticationConfigMapNamespace = "kube-system";
inline constexpr const char* kAuthenticationConfigMapName = "extension-apiserver-authentication";

// A ConfigMap JSON text larger than this is refused (kube limits a ConfigMap's
// data to 1 MiB; the object's metadata comes on top).
inline constexpr std::size_t kMaxAuthenticationConfigMapBytes = 4 << 20;

struct DelegatedAuthenticationConfig {
  // PEM bundles ("client-ca-file", "requestheader-client-ca-file"); empty:
  // not configured (no client-certificate, or no front-proxy, authentication).
  std::string client_ca_pem;
  std::string requestheader_client_ca_pem;
  // "requestheader-allowed-names" (empty: any name the CA signed) and the
  // header lists; each stored in the ConfigMap as a JSON array in a string,
  // e.g. "[\"X-Remote-User\"]". An absent key is an empty list (as kube).
  std::vector<std::string> requestheader_allowed_names;
  std::vector<std::string> requestheader_username_headers;
  std::vector<std::string> requestheader_uid_headers;
  std::vector<std::string> requestheader_group_headers;
  std::vector<std::string> requestheader_extra_headers_prefix;

  bool operator==(const DelegatedAuthenticationConfig&) const = default;
};

// Reads a ConfigMap object (its `data`; other fields are not looked at; no
// `data` gives an empty config). Values are not checked beyond their form: a
// CA bundle that does not parse is found by DynamicAuthenticator::Update.
// BadRequest naming the key for: not an object, `data` not an object of
// strings, a list key that is not a JSON array of strings ("" and "null" are
// empty lists).
Result<DelegatedAuthenticationConfig> AuthenticationConfigFromConfigMap(
    const boost::json::value& configmap);

// The same from the ConfigMap's JSON text (e.g. a GET's body), bounded by
// kMaxAuthenticationConfigMapBytes; BadRequest when it is not JSON.
Result<DelegatedAuthenticationConfig> ParseAuthenticationConfigMap(std::string_view json);

// `from_cluster` with the static flag values in `flags` applied as kube's
// delegating authentication options apply them: a non-empty
// flags.client_ca_pem (--client-ca-file) replaces the client CA; a non-empty
// flags.requestheader_client_ca_pem (--requestheader-client-ca-file) replaces
// the whole front-proxy part with the flags' (CA, allowed names and every
// header list, so the caller passes the --requestheader-* flags with their
// defaults). Anything else comes from the cluster.
DelegatedAuthenticationConfig OverlayStaticAuthenticationConfig(
    DelegatedAuthenticationConfig from_cluster, const DelegatedAuthenticationConfig& flags);

}  // namespace navigator::authn
