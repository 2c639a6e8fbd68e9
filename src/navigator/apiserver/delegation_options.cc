#include "navigator/apiserver/delegation_options.h"

#include <fmt/format.h>

#include <algorithm>

namespace navigator::apiserver {
namespace {

// A non-negative whole number of seconds, shown with its default.
void AddSecondsOption(CLI::App& app, const std::string& name, std::chrono::seconds& field,
                      const std::string& help) {
  app.add_option(
         name,
         [name, &field](const CLI::results_t& r) {
           std::int64_t seconds = 0;
           if (!CLI::detail::lexical_cast(r.front(), seconds) || seconds < 0) {
             throw CLI::ValidationError(
                 name, fmt::format("\"{}\" is not a non-negative number of seconds", r.front()));
           }
           field = std::chrono::seconds(seconds);
           return true;
         },
         help)
      ->default_str(std::to_string(field.count()));
}

}  // namespace

void DelegationOptions::AddFlags(CLI::App& app) {
  app.add_option("--kubeconfig", kubeconfig,
                 "kubeconfig file pointing at the 'core' Kubernetes server (namespaces for "
                 "admission), and the default for --authentication-kubeconfig and "
                 "--authorization-kubeconfig. Empty: the in-cluster service account, if any.");
  app.add_option("--authentication-kubeconfig", authentication_kubeconfig,
                 "kubeconfig file pointing at the 'core' Kubernetes server with enough rights to "
                 "create tokenreviews.authentication.k8s.io and read "
                 "kube-system/extension-apiserver-authentication.");
  app.add_option("--authorization-kubeconfig", authorization_kubeconfig,
                 "kubeconfig file pointing at the 'core' Kubernetes server with enough rights to "
                 "create subjectaccessreviews.authorization.k8s.io.");
  app.add_option("--anonymous-auth", anonymous_auth,
                 "Requests with no credentials are served as system:anonymous (still subject to "
                 "authorization); false answers them 401.")
      ->capture_default_str();
  app.add_flag("--authentication-skip-lookup", authentication_skip_lookup,
               "Do not read client and request-header CAs from the cluster's "
               "kube-system/extension-apiserver-authentication ConfigMap; only the flags count.");
  app.add_flag("--authentication-tolerate-lookup-failure", authentication_tolerate_lookup_failure,
               "Start even if the extension-apiserver-authentication ConfigMap cannot be read "
               "(certificate authentication then waits until it can).");
  AddSecondsOption(app, "--authentication-token-webhook-cache-ttl", token_cache_ttl,
                   "Seconds to cache TokenReview answers.");
  app.add_option("--client-ca-file", client_ca_file,
                 "PEM bundle of CAs for client certificates; overrides the ConfigMap's "
                 "client-ca-file.");
  app.add_option("--requestheader-client-ca-file", requestheader_client_ca_file,
                 "PEM bundle of CAs that sign front-proxy client certificates; overrides the "
                 "ConfigMap's requestheader-client-ca-file.");
  app.add_option("--requestheader-allowed-names", requestheader_allowed_names,
                 "Common names a front-proxy client certificate may have (empty: any).")
      ->delimiter(',');
  app.add_option("--requestheader-username-headers", requestheader_username_headers,
                 "Request headers carrying the user name, e.g. X-Remote-User.")
      ->delimiter(',');
  app.add_option("--requestheader-group-headers", requestheader_group_headers,
                 "Request headers carrying groups, e.g. X-Remote-Group.")
      ->delimiter(',');
  app.add_option("--requestheader-extra-headers-prefix", requestheader_extra_headers_prefix,
                 "Request header prefixes carrying extra attributes, e.g. X-Remote-Extra-.")
      ->delimiter(',');
  app.add_option(
         "--authorization-mode",
         [this](const CLI::results_t& r) {
           if (r.front() == "Webhook") {
             authorization_mode = AuthorizationMode::kWebhook;
           } else if (r.front() == "AlwaysAllow") {
             authorization_mode = AuthorizationMode::kAlwaysAllow;
           } else {
             throw CLI::ValidationError(
                 "--authorization-mode",
                 fmt::format("\"{}\" is not one of Webhook, AlwaysAllow", r.front()));
           }
           return true;
         },
         "Webhook: every request is authorized by the cluster (SubjectAccessReview). "
         "AlwaysAllow: no authorization, for standalone development and benchmarks only.")
      ->default_str("Webhook");
  app.add_option("--authorization-always-allow-paths", always_allow_paths,
                 "HTTP paths served without authorization (a trailing * matches a prefix).")
      ->delimiter(',')
      ->capture_default_str();
  AddSecondsOption(app, "--authorization-webhook-cache-authorized-ttl", authorized_ttl,
                   "Seconds to cache 'authorized' answers.");
  AddSecondsOption(app, "--authorization-webhook-cache-unauthorized-ttl", unauthorized_ttl,
                   "Seconds to cache 'unauthorized' answers.");
  app.add_option("--disable-admission-plugins", disable_admission_plugins,
                 "Admission plugins to turn off (NamespaceLifecycle).")
      ->delimiter(',');
}

Status DelegationOptions::Validate() const {
  for (const std::string& plugin : disable_admission_plugins) {
    if (plugin != kNamespaceLifecycle) {
      return BadRequest(fmt::format(
          "--disable-admission-plugins: unknown plugin \"{}\" (known: NamespaceLifecycle)",
          plugin));
    }
  }
  return OkStatus();
}

const std::string& DelegationOptions::AuthenticationKubeconfig() const {
  return authentication_kubeconfig.empty() ? kubeconfig : authentication_kubeconfig;
}

const std::string& DelegationOptions::AuthorizationKubeconfig() const {
  return authorization_kubeconfig.empty() ? kubeconfig : authorization_kubeconfig;
}

bool DelegationOptions::AdmissionPluginEnabled(std::string_view name) const {
  return std::find(disable_admission_plugins.begin(), disable_admission_plugins.end(), name) ==
         disable_admission_plugins.end();
}

}  // namespace navigator::apiserver
