#include "navigator/controller/controller_manager.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "navigator/client/in_cluster_config.h"
#include "navigator/client/instrumented_rest_client.h"
#include "navigator/client/kubeconfig.h"
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

Result<client::RestConfig> LoadConfig(const Options& options) {
  Result<client::RestConfig> config = Status(StatusCode::kNotFound, "");
  if (!options.kubeconfig.empty()) {
    config = client::LoadKubeconfig(options.kubeconfig, options.context);
  } else if (client::InCluster()) {
    config = client::InClusterConfig();
  } else if (!options.master.empty()) {
    config = client::RestConfig{};
  } else {
    return BadRequest(
        "no Kubernetes API server to talk to: pass --kubeconfig (or --master), or run in a pod");
  }
  if (!config.ok()) return config.status();
  if (!options.master.empty()) config->server = options.master;
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
    client_ =
        std::make_unique<client::InstrumentedRestClient>(*transport_, metrics_, clock_, server);
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
    if (manager_) manager_->Stop();
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
  std::unique_ptr<client::RestClient> transport_;
  std::unique_ptr<client::RestClient> client_;  // transport_, measured
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
