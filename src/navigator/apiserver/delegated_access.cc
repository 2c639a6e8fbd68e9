#include "navigator/apiserver/delegated_access.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <optional>

#include "navigator/apiserver/admission/namespace_lifecycle.h"
#include "navigator/apiserver/cluster_namespace_source.h"
#include "navigator/authn/authentication_config.h"
#include "navigator/authn/dynamic_authenticator.h"
#include "navigator/authz/path_authorizer.h"
#include "navigator/authz/privileged_groups_authorizer.h"
#include "navigator/authz/union_authorizer.h"
#include "navigator/authz/webhook_authorizer.h"
#include "navigator/client/in_cluster_config.h"
#include "navigator/client/informer.h"
#include "navigator/client/kubeconfig.h"

namespace navigator::apiserver {
namespace {

constexpr const char* kAuthenticationConfigMapPath = "/api/v1/namespaces/kube-system/configmaps";
constexpr const char* kAuthenticationConfigMapName = "extension-apiserver-authentication";
constexpr std::chrono::seconds kConfigMapWait{30};
constexpr std::size_t kMaxCaFileBytes = 4 << 20;

class AlwaysAllow final : public authz::Authorizer {
 public:
  Result<authz::Verdict> Authorize(const authz::Attributes&) const override {
    return authz::Verdict{authz::Decision::kAllow, ""};
  }
};

Result<std::string> ReadCaFile(const std::string& flag, const std::string& path) {
  if (path.empty()) return std::string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return BadRequest(fmt::format("{}: cannot read {}", flag, path));
  std::string data(kMaxCaFileBytes + 1, '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (data.size() > kMaxCaFileBytes) {
    return BadRequest(fmt::format("{}: {} is larger than 4 MiB", flag, path));
  }
  return data;
}

// The authentication settings the flags give (kube's defaults for the header
// names, which apply only with --requestheader-client-ca-file).
Result<authn::DelegatedAuthenticationConfig> StaticAuthenticationConfig(
    const DelegationOptions& o) {
  authn::DelegatedAuthenticationConfig c;
  NAVIGATOR_ASSIGN_OR_RETURN(c.client_ca_pem, ReadCaFile("--client-ca-file", o.client_ca_file));
  NAVIGATOR_ASSIGN_OR_RETURN(
      c.requestheader_client_ca_pem,
      ReadCaFile("--requestheader-client-ca-file", o.requestheader_client_ca_file));
  c.requestheader_allowed_names = o.requestheader_allowed_names;
  c.requestheader_username_headers = o.requestheader_username_headers;
  c.requestheader_group_headers = o.requestheader_group_headers;
  c.requestheader_extra_headers_prefix = o.requestheader_extra_headers_prefix;
  if (!c.requestheader_client_ca_pem.empty()) {
    if (c.requestheader_username_headers.empty())
      c.requestheader_username_headers = {"X-Remote-User"};
    if (c.requestheader_group_headers.empty()) c.requestheader_group_headers = {"X-Remote-Group"};
    if (c.requestheader_extra_headers_prefix.empty()) {
      c.requestheader_extra_headers_prefix = {"X-Remote-Extra-"};
    }
  }
  return c;
}

}  // namespace

class DelegatedAccess::Impl {
 public:
  Impl(const DelegationOptions& options, const Clock& clock, Random& random)
      : options_(options), clock_(clock), random_(random) {}

  Status Init() {
    NAVIGATOR_ASSIGN_OR_RETURN(static_config_, StaticAuthenticationConfig(options_));
    NAVIGATOR_ASSIGN_OR_RETURN(
        client::RestClient * authn_client,
        ClientFor("--authentication-kubeconfig", options_.AuthenticationKubeconfig()));
    NAVIGATOR_ASSIGN_OR_RETURN(
        client::RestClient * authz_client,
        ClientFor("--authorization-kubeconfig", options_.AuthorizationKubeconfig()));
    NAVIGATOR_ASSIGN_OR_RETURN(core_client_, ClientFor("--kubeconfig", options_.kubeconfig));

    authenticator_ = std::make_unique<authn::DynamicAuthenticator>(
        clock_, authn_client,
        authn::TokenReviewOptions{.cache_ttl = options_.token_cache_ttl,
                                  .failure_cache_ttl = options_.token_cache_ttl});
    if (authn_client != nullptr && !options_.authentication_skip_lookup) {
      configmap_informer_ = std::make_unique<client::Informer>(
          *authn_client,
          client::ListWatchOptions{
              .path = kAuthenticationConfigMapPath,
              .field_selector = fmt::format("metadata.name={}", kAuthenticationConfigMapName)},
          client::ReflectorEnvironment{.clock = &clock_, .random = &random_});
      auto apply = [this](const boost::json::object& configmap) {
        ApplyConfigMap(configmap);
      };
      configmap_informer_->AddEventHandler(
          {.on_add = apply,
           .on_update = [apply](const boost::json::object&, const boost::json::object& now) {
             apply(now);
           }});
    } else {
      if (authn_client == nullptr) {
        spdlog::warn(
            "no kubeconfig for authentication (--authentication-kubeconfig, --kubeconfig, or a "
            "pod's service account): bearer tokens are not accepted and client certificates "
            "are checked only against --client-ca-file/--requestheader-client-ca-file");
      }
      NAVIGATOR_RETURN_IF_ERROR(authenticator_->Update(static_config_));
    }

    if (options_.authorization_mode == AuthorizationMode::kAlwaysAllow) {
      spdlog::warn("--authorization-mode=AlwaysAllow: every request is authorized");
      authorizer_ = std::make_unique<AlwaysAllow>();
    } else {
      NAVIGATOR_ASSIGN_OR_RETURN(authz::PathAuthorizer paths,
                                 authz::PathAuthorizer::New(options_.always_allow_paths));
      std::vector<std::shared_ptr<const authz::Authorizer>> chain = {
          std::make_shared<authz::PathAuthorizer>(std::move(paths)),
          std::make_shared<authz::PrivilegedGroupsAuthorizer>()};
      if (authz_client != nullptr) {
        chain.push_back(std::make_shared<authz::WebhookAuthorizer>(
            *authz_client, clock_,
            authz::WebhookAuthorizerOptions{.authorized_ttl = options_.authorized_ttl,
                                            .unauthorized_ttl = options_.unauthorized_ttl}));
      } else {
        spdlog::warn(
            "no kubeconfig for authorization (--authorization-kubeconfig, --kubeconfig, or a "
            "pod's service account): only --authorization-always-allow-paths and "
            "system:masters are authorized");
      }
      authorizer_ = std::make_unique<authz::UnionAuthorizer>(std::move(chain));
    }

    if (options_.AdmissionPluginEnabled(kNamespaceLifecycle)) {
      if (core_client_ == nullptr) {
        spdlog::warn(
            "no kubeconfig (--kubeconfig or a pod's service account): the NamespaceLifecycle "
            "admission plugin is off; pass --disable-admission-plugins=NamespaceLifecycle to "
            "say so");
      } else {
        namespaces_ = std::make_unique<ClusterNamespaceSource>(
            *core_client_, client::ReflectorEnvironment{.clock = &clock_, .random = &random_});
        std::vector<std::unique_ptr<const admission::Plugin>> plugins;
        plugins.push_back(std::make_unique<admission::NamespaceLifecycle>(*namespaces_));
        admission_ = std::make_unique<admission::Chain>(std::move(plugins));
      }
    }
    return OkStatus();
  }

  Status Start() {
    if (namespaces_) namespaces_->Start();
    if (!configmap_informer_) return OkStatus();
    configmap_informer_->Start();
    if (configmap_informer_->WaitForSync(kConfigMapWait) && authenticator_->config()) {
      return OkStatus();
    }
    std::string why = fmt::format(
        "cannot read configmap kube-system/{} within {} s (does this identity have the Role "
        "kube-system/extension-apiserver-authentication-reader?)",
        kAuthenticationConfigMapName, kConfigMapWait.count());
    if (!options_.authentication_tolerate_lookup_failure) {
      return Status(StatusCode::kServiceUnavailable,
                    why + "; --authentication-tolerate-lookup-failure starts anyway");
    }
    spdlog::warn("{}; certificates are accepted once it can be read", why);
    return OkStatus();
  }

  void Stop() {
    if (configmap_informer_) configmap_informer_->Stop();
    if (namespaces_) namespaces_->Stop();
  }

  const authn::Authenticator& authenticator() const { return *authenticator_; }
  const authz::Authorizer& authorizer() const { return *authorizer_; }
  const admission::Plugin* admission() const { return admission_.get(); }

 private:
  // A client for the kubeconfig at `path` ("" = in-cluster, else none), one
  // per distinct path; null when there is no cluster to talk to.
  Result<client::RestClient*> ClientFor(const std::string& flag, const std::string& path) {
    if (auto it = clients_.find(path); it != clients_.end()) return it->second.get();
    Result<client::RestConfig> config = Status(StatusCode::kNotFound, "");
    if (!path.empty()) {
      config = client::LoadKubeconfig(path);
    } else if (client::InCluster()) {
      config = client::InClusterConfig();
    } else {
      clients_[path] = nullptr;
      return nullptr;
    }
    if (!config.ok()) return BadRequest(fmt::format("{}: {}", flag, config.status().message()));
    config->user_agent = "navigator-apiserver";
    config->timeout = std::chrono::seconds(10);
    auto client = client::NewRestClient(*config);
    if (!client.ok()) return BadRequest(fmt::format("{}: {}", flag, client.status().message()));
    return (clients_[path] = std::move(*client)).get();
  }

  // Runs on the ConfigMap informer's thread.
  void ApplyConfigMap(const boost::json::object& configmap) {
    auto from_cluster = authn::AuthenticationConfigFromConfigMap(boost::json::value(configmap));
    if (!from_cluster.ok()) {
      spdlog::error("configmap kube-system/{} is unusable, keeping the previous settings: {}",
                    kAuthenticationConfigMapName, from_cluster.status().message());
      return;
    }
    auto config =
        authn::OverlayStaticAuthenticationConfig(std::move(*from_cluster), static_config_);
    if (Status s = authenticator_->Update(config); !s.ok()) {
      spdlog::error("configmap kube-system/{} is unusable, keeping the previous settings: {}",
                    kAuthenticationConfigMapName, s.message());
      return;
    }
    spdlog::info("authentication settings loaded from configmap kube-system/{}",
                 kAuthenticationConfigMapName);
  }

  const DelegationOptions options_;
  const Clock& clock_;
  Random& random_;
  authn::DelegatedAuthenticationConfig static_config_;
  std::map<std::string, std::unique_ptr<client::RestClient>> clients_;
  client::RestClient* core_client_ = nullptr;
  std::unique_ptr<authn::DynamicAuthenticator> authenticator_;
  std::unique_ptr<client::Informer> configmap_informer_;
  std::unique_ptr<authz::Authorizer> authorizer_;
  std::unique_ptr<ClusterNamespaceSource> namespaces_;
  std::unique_ptr<admission::Chain> admission_;
};

Result<std::unique_ptr<DelegatedAccess>> DelegatedAccess::New(const DelegationOptions& options,
                                                              const Clock& clock, Random& random) {
  auto impl = std::make_unique<Impl>(options, clock, random);
  NAVIGATOR_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<DelegatedAccess>(new DelegatedAccess(std::move(impl)));
}

DelegatedAccess::DelegatedAccess(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DelegatedAccess::~DelegatedAccess() {
  if (impl_) impl_->Stop();
}
Status DelegatedAccess::Start() {
  return impl_->Start();
}
void DelegatedAccess::Stop() {
  impl_->Stop();
}
const authn::Authenticator& DelegatedAccess::authenticator() const {
  return impl_->authenticator();
}
const authz::Authorizer& DelegatedAccess::authorizer() const {
  return impl_->authorizer();
}
const admission::Plugin* DelegatedAccess::admission() const {
  return impl_->admission();
}

}  // namespace navigator::apiserver
