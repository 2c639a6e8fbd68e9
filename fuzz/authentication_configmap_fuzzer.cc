// navigator::authn::ParseAuthenticationConfigMap and
// OverlayStaticAuthenticationConfig: the kube-system/
// extension-apiserver-authentication ConfigMap, as JSON text.
//
// Properties:
//  - errors are BadRequest and name the ConfigMap;
//  - parsing is deterministic;
//  - an accepted config written back as a ConfigMap (the list values as JSON
//    arrays in strings, as kube-apiserver writes them) parses back equal;
//  - the overlay with no flags changes nothing, and a config laid over itself
//    is itself.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "navigator/authn/authentication_config.h"

using navigator::fuzz::Printable;
namespace authn = navigator::authn;
namespace bj = boost::json;

namespace {

std::string ListText(const std::vector<std::string>& list) {
  bj::array array;
  for (const std::string& item : list) array.emplace_back(bj::string_view(item));
  return bj::serialize(array);
}

std::string Written(const authn::DelegatedAuthenticationConfig& config) {
  bj::object data;
  data["client-ca-file"] = config.client_ca_pem;
  data["requestheader-client-ca-file"] = config.requestheader_client_ca_pem;
  data["requestheader-allowed-names"] = ListText(config.requestheader_allowed_names);
  data["requestheader-username-headers"] = ListText(config.requestheader_username_headers);
  data["requestheader-uid-headers"] = ListText(config.requestheader_uid_headers);
  data["requestheader-group-headers"] = ListText(config.requestheader_group_headers);
  data["requestheader-extra-headers-prefix"] = ListText(config.requestheader_extra_headers_prefix);
  bj::object configmap;
  configmap["apiVersion"] = "v1";
  configmap["kind"] = "ConfigMap";
  configmap["data"] = std::move(data);
  return bj::serialize(configmap);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  const auto config = authn::ParseAuthenticationConfigMap(text);
  const auto again = authn::ParseAuthenticationConfigMap(text);
  FUZZ_CHECK(config.ok() == again.ok(), "not deterministic: " + Printable(text));
  if (!config.ok()) {
    FUZZ_CHECK(config.status().code() == navigator::StatusCode::kBadRequest,
               config.status().ToString() + " for " + Printable(text));
    FUZZ_CHECK(config.status().message().starts_with(
                   "ConfigMap kube-system/extension-apiserver-authentication: "),
               config.status().ToString());
    FUZZ_CHECK(config.status() == again.status(), "not deterministic: " + Printable(text));
    return 0;
  }
  FUZZ_CHECK(*config == *again, "not deterministic: " + Printable(text));

  const std::string written = Written(*config);
  const auto reparsed = authn::ParseAuthenticationConfigMap(written);
  FUZZ_CHECK(reparsed.ok(), reparsed.status().ToString() + " for " + Printable(written));
  FUZZ_CHECK(*reparsed == *config,
             "round trip changed " + Printable(text) + " into " + Printable(written));

  FUZZ_CHECK(authn::OverlayStaticAuthenticationConfig(*config, {}) == *config,
             "an empty overlay changed " + Printable(text));
  FUZZ_CHECK(authn::OverlayStaticAuthenticationConfig(*config, *config) == *config,
             "a self overlay changed " + Printable(text));
  return 0;
}
