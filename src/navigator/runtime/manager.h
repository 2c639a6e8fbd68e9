#pragma once

// The controller runtime of a Navigator process, as controller-runtime's
// Manager: shared informers (one per resource, many handlers), controllers,
// leader election on a Lease, and the /healthz, /readyz and /metrics
// endpoints.
//
// Informers start on every replica (a follower keeps a warm cache, so a
// take-over does not start cold); controllers act only while this replica
// leads. Losing the Lease (say kube-apiserver was unreachable for longer than
// the renew deadline) pauses the controllers at once -- no reconcile starts
// until the Lease is won again, when every cached object is queued anew --
// and the manager stands as a candidate again. Unlike client-go's components
// the process does not exit: nothing is lost by staying, and an outage of the
// API server does not turn into a crash loop.
//
// Ownership and threading: `client`, the clock, random and registry must
// outlive the manager. Informers, controllers and Start from one thread
// before Run; Stop from any thread (a signal handler thread).

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/client/informer.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/sleeper.h"
#include "navigator/http/server.h"
#include "navigator/metrics/registry.h"
#include "navigator/runtime/controller.h"
#include "navigator/runtime/leader_elector.h"

namespace navigator::runtime {

// A resource to list and watch.
struct ResourceRef {
  std::string group;  // "" for the core group
  std::string version;
  std::string resource;  // plural
  bool namespaced = true;
};

struct ManagerOptions {
  std::string name = "navigator-controller";
  // Watch one namespace; "" watches all.
  std::string namespace_;
  // Leader election; nullopt: always lead.
  std::optional<LeaderElectionConfig> leader_election;
  // host:port for /healthz + /readyz and for /metrics; "0" turns one off.
  std::string health_bind_address = "0";
  std::string metrics_bind_address = "0";
  std::string cert_dir;
  const Clock* clock = nullptr;
  Random* random = nullptr;
};

class Manager {
 public:
  Manager(client::RestClient& client, metrics::Registry& registry, ManagerOptions options);
  ~Manager();
  Manager(const Manager&) = delete;
  Manager& operator=(const Manager&) = delete;

  // The shared informer of `resource` (created on first use), limited to the
  // manager's namespace.
  client::Informer& InformerFor(const ResourceRef& resource);

  // Adds a controller of `primary` objects; `owned` lists resources whose
  // objects queue their controlling owner of kind `owner_kind`.
  struct OwnedResource {
    ResourceRef resource;
    std::string owner_kind;
  };
  void AddController(std::string name, const ResourceRef& primary, Reconciler reconcile,
                     std::vector<OwnedResource> owned, int workers,
                     std::chrono::seconds resync_period = {});

  // Starts the endpoints and the informers. Errors: an endpoint that cannot
  // listen (the message names the address).
  Status Start();
  // Takes part in the election (or leads at once without it) and runs the
  // controllers while leading, until Stop; then stops the controllers
  // (draining their queues) and returns OK. An error only when the election
  // cannot be set up.
  Status Run();
  // Makes Run return (releasing the Lease when leading), stops the informers
  // and endpoints.
  void Stop();

  // All informers have synced (what /readyz answers).
  bool Ready() const;
  bool IsLeader() const { return leading_.load(); }

 private:
  http::Response ServeHealth(const http::Request& request) const;
  http::Response ServeMetrics(const http::Request& request) const;
  Status StartEndpoint(const std::string& address, http::Handler handler,
                       std::unique_ptr<http::Server>& server);
  void Lead(client::StopSignal& stop_leading);
  Status RunElection();

  client::RestClient& client_;
  metrics::Registry& registry_;
  ManagerOptions options_;
  const Clock& clock_;
  std::map<std::string, std::unique_ptr<client::Informer>> informers_;  // by path
  std::vector<std::unique_ptr<Controller>> controllers_;
  std::optional<LeaderElectionConfig> election_;  // with the callbacks set
  std::mutex elector_mu_;
  std::unique_ptr<LeaderElector> elector_;  // this term's; guarded by elector_mu_
  bool controllers_started_ = false;        // on the leading thread only
  std::unique_ptr<http::Server> health_server_;
  std::unique_ptr<http::Server> metrics_server_;
  client::StopSignal stop_;
  std::atomic<bool> leading_{false};
  metrics::Gauge* leader_gauge_ = nullptr;
  metrics::CounterVec* informer_events_ = nullptr;
};

// The collection path of `resource` in `ns` ("" = all namespaces).
std::string CollectionPath(const ResourceRef& resource, std::string_view ns);

}  // namespace navigator::runtime
