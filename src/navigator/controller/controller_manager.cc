#include "navigator/controller/controller_manager.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "navigator/client/in_cluster_config.h"
#include "navigator/client/instrumented_rest_client.h"
#include "navigator/client/kubeconfig_chain.h"
#include "navigator/client/rate_limited_rest_client.h"
#include "navigator/client/retrying_rest_client.h"
#include "navigator/controller/logging_reconciler.h"
#include "navigator/metrics/process_collector.h"
#include "navigator/runtime/manager.h"

namespace navigator::controller {
namespace {

const runtime::ResourceRef kElasticsearchClusters{"navigator.jetstack.io", "v1alpha1",
                                                  "elasticsearchclusters"};
const runtime::ResourceRef kCassandraClusters{"navigator.jetstack.io", "v1alpha1",
                                              "cassandraclusters"};
const runtime::ResourceRef kPilots{"navigator.jetstack.io", "v1alpha1", "pilots"};
const runtime::ResourceRef kStatefulSets{"apps", "v1", "statefulsets"};
const runtime::ResourceRef kServices{"", "v1", "services"};
const runtime::ResourceRef kConfigMaps{"", "v1", "configmaps"};

// What each cluster controller owns: changes to these wake the owner.
std::vector<runtime::Manager::OwnedResource> Owned(const std::string& kind) {
  return {{kStatefulSets, kind}, {kServices, kind}, {kConfigMaps, kind}, {kPilots, kind}};
}

// controller-runtime's order: --kubeconfig, $KUBECONFIG, in-cluster,
// ~/.kube/config; --master overrides the server of any of them.
Result<client::RestConfig> LoadConfig(const Options& options) {
  Result<client::RestConfig> config = Status(StatusCode::kNotFound, "");
  const std::optional<std::string> env = client::ProcessEnv("KUBECONFIG");
  if (!options.kubeconfig.empty()) {
    config = client::LoadKubeconfigChain({options.kubeconfig}, options.context, options.master);
  } else if (env && !env->empty()) {
    config = client::LoadKubeconfigChain(client::KubeconfigPaths(*env, ""), options.context,
                                         options.master);
  } else if (client::InCluster()) {
    config = client::InClusterConfig();
    if (config.ok() && !options.master.empty()) config->server = options.master;
  } else {
    config = client::LoadKubeconfigChain(client::DefaultKubeconfigPaths(), options.context,
                                         options.master);
  }
  if (!config.ok()) return config.status();
  config->user_agent = "navigator-controller";
  return config;
}

std::string Hostname() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0) return "unknown";
  return name;
}

}  // namespace

class ControllerManager::Impl {
 public:
  Impl(Options options, const Clock& clock, Random& random)
      : options_(std::move(options)), clock_(clock), random_(random) {}

  Status Start() {
    NAVIGATOR_RETURN_IF_ERROR(options_.Validate());
    NAVIGATOR_ASSIGN_OR_RETURN(client::RestConfig config, LoadConfig(options_));
    const std::string server = config.server;
    NAVIGATOR_ASSIGN_OR_RETURN(transport_, client::NewRestClient(std::move(config)));
    // Every attempt is measured; retries wait for the rate limiter too.
    measured_ =
        std::make_unique<client::InstrumentedRestClient>(*transport_, metrics_, clock_, server);
    limited_ = std::make_unique<client::RateLimitedRestClient>(
        *measured_,
        client::RateLimitOptions{.qps = options_.kube_api_qps, .burst = options_.kube_api_burst},
        clock_, client::RealSleeper::Instance());
    client_ = std::make_unique<client::RetryingRestClient>(
        *limited_, client::RetryOptions{}, clock_, client::RealSleeper::Instance(), random_);
    metrics::RegisterProcessCollector(metrics_);

    runtime::ManagerOptions manager_options{
        .name = "navigator-controller",
        .namespace_ = options_.namespace_,
        .health_bind_address = options_.health_bind_address,
        .metrics_bind_address = options_.metrics_bind_address,
        .cert_dir = options_.cert_dir,
        .clock = &clock_,
        .random = &random_,
    };
    if (options_.leader_election.enabled) {
      const auto& le = options_.leader_election;
      manager_options.leader_election = runtime::LeaderElectionConfig{
          .lock_namespace = le.resource_namespace,
          .lock_name = le.resource_name,
          .identity = fmt::format("{}_{}", Hostname(), NewUuid(random_)),
          .lease_duration = le.lease_duration,
          .renew_deadline = le.renew_deadline,
          .retry_period = le.retry_period,
      };
    }
    manager_ = std::make_unique<runtime::Manager>(*client_, metrics_, std::move(manager_options));
    AddLoggingController("ElasticsearchCluster", kElasticsearchClusters);
    AddLoggingController("CassandraCluster", kCassandraClusters);
    NAVIGATOR_RETURN_IF_ERROR(manager_->Start());
    spdlog::info("navigator-controller: talking to {}, watching {}", server,
                 options_.namespace_.empty() ? "all namespaces"
                                             : fmt::format("namespace {}", options_.namespace_));
    return OkStatus();
  }

  Status Run() { return manager_->Run(); }

  void Stop() {
    // Retry waits end first, so no request in flight holds up the shutdown;
    // each request still gets its one attempt (the Lease's release too).
    if (client_) client_->Stop();
    if (manager_) manager_->Stop();
    if (limited_) limited_->Stop();
  }

 private:
  void AddLoggingController(const std::string& kind, const runtime::ResourceRef& resource) {
    LoggingReconciler reconciler(kind, manager_->InformerFor(resource).store());
    manager_->AddController(kind, resource, reconciler, Owned(kind), options_.workers,
                            options_.resync_period);
  }

  Options options_;
  const Clock& clock_;
  Random& random_;
  metrics::Registry metrics_;
  // client_ = retrying(limited_(measured_(transport_))).
  std::unique_ptr<client::RestClient> transport_;
  std::unique_ptr<client::RestClient> measured_;
  std::unique_ptr<client::RateLimitedRestClient> limited_;
  std::unique_ptr<client::RetryingRestClient> client_;
  std::unique_ptr<runtime::Manager> manager_;
};

ControllerManager::ControllerManager(Options options, const Clock& clock, Random& random)
    : impl_(std::make_unique<Impl>(std::move(options), clock, random)) {}
ControllerManager::~ControllerManager() {
  Stop();
}
Status ControllerManager::Start() {
  return impl_->Start();
}
Status ControllerManager::Run() {
  return impl_->Run();
}
void ControllerManager::Stop() {
  impl_->Stop();
}

}  // namespace navigator::controller
