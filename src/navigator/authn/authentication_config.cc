#include "navigator/authn/authentication_config.h"

#include <fmt/format.h>

#include <utility>

#include "navigator/authn/json_read.h"

namespace navigator::authn {
namespace {

namespace bj = boost::json;

constexpr std::string_view kWhat = "ConfigMap kube-system/extension-apiserver-authentication";

// A list value: a JSON array of strings inside the string, as kube writes it.
Status ReadList(const bj::object& data, std::string_view key, std::vector<std::string>& out) {
  out.clear();
  const bj::value* value = internal::Member(data, key);
  if (value == nullptr) return OkStatus();
  const bj::string* text = value->if_string();
  if (text == nullptr) return BadRequest(fmt::format("{}: data.{}: must be a string", kWhat, key));
  if (text->empty()) return OkStatus();
  const std::string path = fmt::format("{}: data.{}", kWhat, key);
  NAVIGATOR_ASSIGN_OR_RETURN(
      bj::value list, internal::ParseJsonDocument(std::string_view(text->data(), text->size()),
                                                  kMaxAuthenticationConfigMapBytes,
                                                  path + " (a JSON list of strings)"));
  if (list.is_null()) return OkStatus();
  NAVIGATOR_ASSIGN_OR_RETURN(out, internal::StringList(list, path));
  return OkStatus();
}

Status ReadPem(const bj::object& data, std::string_view key, std::string& out) {
  Status status = internal::ReadString(data, key, "data", out);
  if (!status.ok()) return BadRequest(fmt::format("{}: {}", kWhat, status.message()));
  return OkStatus();
}

}  // namespace

Result<DelegatedAuthenticationConfig> AuthenticationConfigFromConfigMap(
    const bj::value& configmap) {
  const bj::object* object = configmap.if_object();
  if (object == nullptr) return BadRequest(fmt::format("{}: must be a JSON object", kWhat));
  DelegatedAuthenticationConfig config;
  const bj::value* data_value = internal::Member(*object, "data");
  if (data_value == nullptr) return config;
  const bj::object* data = data_value->if_object();
  if (data == nullptr) return BadRequest(fmt::format("{}: data: must be an object", kWhat));
  NAVIGATOR_RETURN_IF_ERROR(ReadPem(*data, "client-ca-file", config.client_ca_pem));
  NAVIGATOR_RETURN_IF_ERROR(
      ReadPem(*data, "requestheader-client-ca-file", config.requestheader_client_ca_pem));
  NAVIGATOR_RETURN_IF_ERROR(
      ReadList(*data, "requestheader-allowed-names", config.requestheader_allowed_names));
  NAVIGATOR_RETURN_IF_ERROR(
      ReadList(*data, "requestheader-username-headers", config.requestheader_username_headers));
  NAVIGATOR_RETURN_IF_ERROR(
      ReadList(*data, "requestheader-uid-headers", config.requestheader_uid_headers));
  NAVIGATOR_RETURN_IF_ERROR(
      ReadList(*data, "requestheader-group-headers", config.requestheader_group_headers));
  NAVIGATOR_RETURN_IF_ERROR(ReadList(*data, "requestheader-extra-headers-prefix",
                                     config.requestheader_extra_headers_prefix));
  return config;
}

Result<DelegatedAuthenticationConfig> ParseAuthenticationConfigMap(std::string_view json) {
  NAVIGATOR_ASSIGN_OR_RETURN(
      bj::value configmap,
      internal::ParseJsonDocument(json, kMaxAuthenticationConfigMapBytes, kWhat));
  return AuthenticationConfigFromConfigMap(configmap);
}

DelegatedAuthenticationConfig OverlayStaticAuthenticationConfig(
    DelegatedAuthenticationConfig from_cluster, const DelegatedAuthenticationConfig& flags) {
  if (!flags.client_ca_pem.empty()) from_cluster.client_ca_pem = flags.client_ca_pem;
  if (!flags.requestheader_client_ca_pem.empty()) {
    from_cluster.requestheader_client_ca_pem = flags.requestheader_client_ca_pem;
    from_cluster.requestheader_allowed_names = flags.requestheader_allowed_names;
    from_cluster.requestheader_username_headers = flags.requestheader_username_headers;
    from_cluster.requestheader_uid_headers = flags.requestheader_uid_headers;
    from_cluster.requestheader_group_headers = flags.requestheader_group_headers;
    from_cluster.requestheader_extra_headers_prefix = flags.requestheader_extra_headers_prefix;
  }
  return from_cluster;
}

}  // namespace navigator::authn
