#include "navigator/runtime/manager.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "navigator/http/self_signed.h"
#include "navigator/metrics/exposition.h"

namespace navigator::runtime {
namespace {

http::Response Text(int status, std::string body) {
  http::Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace

std::string CollectionPath(const ResourceRef& r, std::string_view ns) {
  std::string prefix = r.group.empty() ? fmt::format("/api/{}", r.version)
                                       : fmt::format("/apis/{}/{}", r.group, r.version);
  if (r.namespaced && !ns.empty())
    return fmt::format("{}/namespaces/{}/{}", prefix, ns, r.resource);
  return fmt::format("{}/{}", prefix, r.resource);
}

Manager::Manager(client::RestClient& client, metrics::Registry& registry, ManagerOptions options)
    : client_(client),
      registry_(registry),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? *options_.clock : SystemClock::Instance()) {
  leader_gauge_ = &registry_
                       .Gauge("leader_election_master_status",
                              "Gauge of if the reporting system is master of the relevant lease, "
                              "0 indicates backup, 1 indicates master.",
                              {"name"})
                       .WithLabels({options_.name});
  informer_events_ = &registry_.Counter("navigator_informer_events_total",
                                        "Changes informers delivered, by resource and type.",
                                        {"resource", "type"});
}

Manager::~Manager() {
  Stop();
}

client::Informer& Manager::InformerFor(const ResourceRef& resource) {
  const std::string path = CollectionPath(resource, options_.namespace_);
  auto& slot = informers_[path];
  if (!slot) {
    slot = std::make_unique<client::Informer>(
        client_, client::ListWatchOptions{.path = path},
        client::ReflectorEnvironment{.clock = options_.clock, .random = options_.random});
    auto count = [this, name = resource.resource](const char* type) {
      return [this, name, type](const auto&...) {
        informer_events_->WithLabels({name, type}).Inc();
      };
    };
    slot->AddEventHandler(
        {.on_add = count("add"), .on_update = count("update"), .on_delete = count("delete")});
  }
  return *slot;
}

void Manager::AddController(std::string name, const ResourceRef& primary, Reconciler reconcile,
                            std::vector<OwnedResource> owned, int workers,
                            std::chrono::seconds resync_period) {
  auto controller = std::make_unique<Controller>(InformerFor(primary), std::move(reconcile),
                                                 ControllerOptions{.name = std::move(name),
                                                                   .workers = workers,
                                                                   .resync_period = resync_period,
                                                                   .registry = &registry_,
                                                                   .clock = options_.clock});
  for (OwnedResource& o : owned) controller->WatchOwned(InformerFor(o.resource), o.owner_kind);
  controllers_.push_back(std::move(controller));
}

Status Manager::StartEndpoint(const std::string& address, http::Handler handler,
                              std::unique_ptr<http::Server>& server) {
  if (address == "0" || address.empty()) return OkStatus();
  auto colon = address.rfind(':');
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(address.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (colon == std::string::npos || port < 0 || port > 65535) {
    return BadRequest(fmt::format("\"{}\" is not host:port", address));
  }
  std::vector<std::string> ips = {"127.0.0.1"};
  if (!host.empty() && host != "0.0.0.0" && host != "::" && host != "127.0.0.1")
    ips.push_back(host);
  NAVIGATOR_ASSIGN_OR_RETURN(
      http::CertificatePaths certs,
      http::EnsureSelfSignedCertificate(options_.cert_dir, {"localhost"}, ips, clock_));
  http::ServerOptions serving;
  serving.bind_address = host.empty() ? "0.0.0.0" : host;
  serving.port = static_cast<uint16_t>(port);
  serving.cert_file = certs.cert_file;
  serving.key_file = certs.key_file;
  serving.worker_threads = 2;
  serving.max_connections = 64;
  server = std::make_unique<http::Server>(serving, std::move(handler), nullptr);
  if (Status s = server->Start(); !s.ok()) {
    return Status(s.code(), fmt::format("serving on {}: {}", address, s.message()));
  }
  return OkStatus();
}

Status Manager::Start() {
  NAVIGATOR_RETURN_IF_ERROR(StartEndpoint(
      options_.health_bind_address, [this](const http::Request& r) { return ServeHealth(r); },
      health_server_));
  NAVIGATOR_RETURN_IF_ERROR(StartEndpoint(
      options_.metrics_bind_address, [this](const http::Request& r) { return ServeMetrics(r); },
      metrics_server_));
  for (auto& [path, informer] : informers_) informer->Start();
  if (options_.leader_election) {
    LeaderElectionConfig config = *options_.leader_election;
    auto on_new_leader = config.callbacks.on_new_leader;
    config.callbacks.on_started_leading = [this](client::StopSignal& stop) {
      Lead(stop);
    };
    config.callbacks.on_stopped_leading = [this] {
      leading_ = false;
      leader_gauge_->Set(0);
    };
    config.callbacks.on_new_leader = [this, on_new_leader](const std::string& identity) {
      spdlog::info("{}: the leader is now \"{}\"", options_.name, identity);
      if (on_new_leader) on_new_leader(identity);
    };
    // Checked now, so bad timings fail at start; each term gets a new elector.
    NAVIGATOR_ASSIGN_OR_RETURN(
        elector_, LeaderElector::Create(client_, config,
                                        LeaderElectorEnvironment{.clock = options_.clock,
                                                                 .random = options_.random}));
    election_ = std::move(config);
  }
  return OkStatus();
}

void Manager::Lead(client::StopSignal& stop_leading) {
  spdlog::info("{}: leading; waiting for the informers to sync", options_.name);
  leading_ = true;
  leader_gauge_->Set(1);
  for (auto& [path, informer] : informers_) {
    while (!informer->WaitForSync(std::chrono::milliseconds(500))) {
      if (stop_leading.stopped()) return;
    }
  }
  if (!controllers_started_) {
    for (auto& controller : controllers_) controller->Start();
    controllers_started_ = true;
  } else {
    for (auto& controller : controllers_) controller->RequeueAll();
  }
  spdlog::info("{}: {} controllers running", options_.name, controllers_.size());
  stop_leading.WaitFor(std::chrono::hours(24 * 365 * 100));
  leading_ = false;
  leader_gauge_->Set(0);
  spdlog::info("{}: not leading: controllers paused", options_.name);
}

Status Manager::RunElection() {
  while (!stop_.stopped()) {
    LeaderElector* elector = nullptr;
    {
      std::lock_guard lock(elector_mu_);
      if (!elector_) {
        NAVIGATOR_ASSIGN_OR_RETURN(
            elector_, LeaderElector::Create(client_, *election_,
                                            LeaderElectorEnvironment{.clock = options_.clock,
                                                                     .random = options_.random}));
        if (stop_.stopped()) break;
      }
      elector = elector_.get();
    }
    elector->Run();  // until Stop or a lost Lease
    if (stop_.stopped()) break;
    spdlog::warn("{}: lost the Lease; controllers paused, standing again as a candidate",
                 options_.name);
    std::lock_guard lock(elector_mu_);
    elector_.reset();
  }
  return OkStatus();
}

Status Manager::Run() {
  Status result = OkStatus();
  if (election_) {
    result = RunElection();
  } else {
    client::StopSignal never_lost;
    std::thread stopper([this, &never_lost] {
      stop_.WaitFor(std::chrono::hours(24 * 365 * 100));
      never_lost.Stop();
    });
    Lead(never_lost);
    stopper.join();
  }
  // Leading has ended on this thread's watch, so the controllers are idle
  // or draining; stop them here, never concurrently with Lead starting them.
  for (auto& controller : controllers_) controller->Stop();
  return result;
}

void Manager::Stop() {
  stop_.Stop();
  {
    std::lock_guard lock(elector_mu_);
    if (elector_) elector_->Stop();
  }
  for (auto& [path, informer] : informers_) informer->Stop();
  if (health_server_) health_server_->Stop();
  if (metrics_server_) metrics_server_->Stop();
}

bool Manager::Ready() const {
  for (const auto& [path, informer] : informers_) {
    if (!informer->HasSynced()) return false;
  }
  return true;
}

http::Response Manager::ServeHealth(const http::Request& request) const {
  if (request.path == "/healthz" || request.path == "/livez") return Text(200, "ok");
  if (request.path == "/readyz") {
    if (Ready()) return Text(200, "ok");
    std::string body;
    for (const auto& [path, informer] : informers_) {
      if (!informer->HasSynced()) body += fmt::format("[-]informer {} has not synced\n", path);
    }
    return Text(503, body + "readyz check failed\n");
  }
  return Text(404, "404 page not found\n");
}

http::Response Manager::ServeMetrics(const http::Request& request) const {
  if (request.path != "/metrics") return Text(404, "404 page not found\n");
  http::Response r = Text(200, registry_.Render());
  r.content_type = std::string(metrics::kTextContentType);
  return r;
}

}  // namespace navigator::runtime
