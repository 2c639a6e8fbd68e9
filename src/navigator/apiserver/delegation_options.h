#pragma once

// The flags of delegated authentication, authorization and admission, named
// as kube-apiserver's delegating servers (sample-apiserver, metrics-server)
// name them.

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "navigator/base/status.h"

namespace navigator::apiserver {

enum class AuthorizationMode {
  kWebhook,      // SubjectAccessReview against the cluster (the default)
  kAlwaysAllow,  // no authorization: standalone development and benchmarks only
};

struct DelegationOptions {
  // Kubernetes access. Each of the three defaults to the next more general
  // one: authentication/authorization -> --kubeconfig -> the in-cluster
  // service account (when KUBERNETES_SERVICE_HOST is set) -> none.
  std::string kubeconfig;
  std::string authentication_kubeconfig;
  std::string authorization_kubeconfig;

  // Authentication.
  bool anonymous_auth = true;
  bool authentication_skip_lookup = false;
  bool authentication_tolerate_lookup_failure = false;
  std::chrono::seconds token_cache_ttl{10};
  std::string client_ca_file;
  std::string requestheader_client_ca_file;
  std::vector<std::string> requestheader_allowed_names;
  std::vector<std::string> requestheader_username_headers;
  std::vector<std::string> requestheader_group_headers;
  std::vector<std::string> requestheader_extra_headers_prefix;

  // Authorization.
  AuthorizationMode authorization_mode = AuthorizationMode::kWebhook;
  std::vector<std::string> always_allow_paths = {"/healthz", "/readyz", "/livez"};
  std::chrono::seconds authorized_ttl{10};
  std::chrono::seconds unauthorized_ttl{10};

  // Admission.
  std::vector<std::string> disable_admission_plugins;

  void AddFlags(CLI::App& app);
  // kBadRequest naming the flag.
  Status Validate() const;

  // The kubeconfig each client uses after defaulting ("" = in-cluster or none).
  const std::string& AuthenticationKubeconfig() const;
  const std::string& AuthorizationKubeconfig() const;
  bool AdmissionPluginEnabled(std::string_view name) const;
};

// The admission plugins navigator-apiserver has; all on by default.
inline constexpr const char* kNamespaceLifecycle = "NamespaceLifecycle";

}  // namespace navigator::apiserver
