#include "navigator/apiserver/apiserver.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "navigator/apiserver/access_filter.h"
#include "navigator/apiserver/api_handler.h"
#include "navigator/apiserver/delegated_access.h"
#include "navigator/apiserver/request_metrics.h"
#include "navigator/apiserver/responses.h"
#include "navigator/http/self_signed.h"
#include "navigator/http/server.h"
#include "navigator/metrics/process_collector.h"
#include "navigator/storage/compactor.h"
#include "navigator/storage/etcd3_storage.h"
#include "navigator/storage/instrumented_storage.h"

namespace navigator::apiserver {

class ApiServer::Impl {
 public:
  Impl(Options options, const Clock& clock, Random& random)
      : options_(std::move(options)), clock_(clock), random_(random) {}

  Status Start() {
    NAVIGATOR_RETURN_IF_ERROR(options_.Validate());
    storage::Etcd3Options etcd{.endpoints = options_.etcd_servers,
                               .ca_file = options_.etcd_cafile,
                               .cert_file = options_.etcd_certfile,
                               .key_file = options_.etcd_keyfile};
    auto store = storage::Etcd3Storage::New(etcd);
    if (!store.ok()) return store.status();
    etcd_ = std::move(*store);
    metrics::RegisterProcessCollector(metrics_);
    api_metrics_ = std::make_unique<ApiserverMetrics>(metrics_);
    storage_ = std::make_unique<storage::InstrumentedStorage>(
        metrics_, *etcd_, clock_, storage::PluralFromRegistryKey(options_.etcd_prefix));
    if (Status s = storage_->Check(); !s.ok()) {
      // Not fatal: /readyz reports it until etcd answers.
      spdlog::warn("etcd is not reachable yet: {}", s.message());
    }

    http::CertificatePaths certs{options_.tls_cert_file, options_.tls_private_key_file};
    if (certs.cert_file.empty()) {
      std::vector<std::string> ips = {"127.0.0.1"};
      if (options_.bind_address != "0.0.0.0" && options_.bind_address != "::" &&
          options_.bind_address != "127.0.0.1") {
        ips.push_back(options_.bind_address);
      }
      auto generated =
          http::EnsureSelfSignedCertificate(options_.cert_dir, {"localhost"}, ips, clock_);
      if (!generated.ok()) return generated.status();
      certs = *generated;
    }

    auto access = DelegatedAccess::New(options_.delegation, clock_, random_);
    if (!access.ok()) return access.status();
    access_ = std::move(*access);
    NAVIGATOR_RETURN_IF_ERROR(access_->Start());

    handler_ = std::make_unique<ApiHandler>(
        registry::StoreContext{
            .storage = storage_.get(),
            .key_prefix = options_.etcd_prefix,
            .clock = &clock_,
            .random = &random_,
            .watch_cache = options_.watch_cache,
            .watch_cache_options = {.history_capacity =
                                        static_cast<std::size_t>(options_.watch_cache_size),
                                    .watcher_capacity =
                                        static_cast<std::size_t>(options_.watch_buffer_size)},
        },
        EndpointOptions{
            .bookmark_interval = std::chrono::seconds(options_.watch_bookmark_interval_seconds),
            .min_request_timeout = std::chrono::seconds(options_.min_request_timeout_seconds),
            .metrics = api_metrics_.get(),
        },
        access_->admission());
    http::ServerOptions serving;
    serving.bind_address = options_.bind_address;
    serving.port = options_.secure_port;
    serving.cert_file = certs.cert_file;
    serving.key_file = certs.key_file;
    serving.max_connections = static_cast<std::size_t>(options_.max_connections);
    serving.read_timeout = std::chrono::seconds(options_.request_timeout_seconds);
    serving.worker_threads = options_.worker_threads;
    serving.io_threads =
        options_.io_threads > 0
            ? options_.io_threads
            : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
    auto handle = [this](const http::Request& r) {
      if (r.path == "/metrics" && (r.method == "GET" || r.method == "HEAD")) {
        return MetricsResponse(metrics_);
      }
      return handler_->Handle(r);
    };
    http::Handler guarded =
        WithAccessControl(handle, access_->authenticator(), access_->authorizer(),
                          AccessOptions{.anonymous_auth = options_.delegation.anonymous_auth});
    server_ =
        std::make_unique<http::Server>(serving, InstrumentHandler(guarded, *api_metrics_, clock_),
                                       [](const Status& s) { return StatusResponse(s); });
    NAVIGATOR_RETURN_IF_ERROR(server_->Start());
    if (options_.etcd_compaction_interval_seconds > 0) {
      compactor_thread_ = std::thread([this] { CompactionLoop(); });
    }
    spdlog::info("navigator-apiserver serving on https://{}:{} (etcd {})", options_.bind_address,
                 server_->port(), fmt::join(options_.etcd_servers, ","));
    return OkStatus();
  }

  void Stop() {
    if (server_) server_->Stop();
    if (access_) access_->Stop();
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    stop_cv_.notify_all();
    if (compactor_thread_.joinable()) compactor_thread_.join();
  }

  uint16_t port() const { return server_ ? server_->port() : 0; }

 private:
  // Runs on compactor_thread_ until Stop.
  void CompactionLoop() {
    storage::Compactor compactor(*storage_);
    const auto interval = std::chrono::seconds(options_.etcd_compaction_interval_seconds);
    std::unique_lock lock(mu_);
    while (!stop_cv_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      if (Status s = compactor.Tick(); !s.ok()) {
        spdlog::warn("etcd compaction failed (retried next interval): {}", s.message());
      }
      lock.lock();
    }
  }

  Options options_;
  const Clock& clock_;
  Random& random_;
  // Declared first among the serving parts: open streams hold its gauges.
  metrics::Registry metrics_;
  std::unique_ptr<ApiserverMetrics> api_metrics_;
  std::unique_ptr<storage::Storage> etcd_;
  std::unique_ptr<storage::Storage> storage_;  // etcd_, measured
  std::unique_ptr<DelegatedAccess> access_;    // outlives handler_ and server_
  std::unique_ptr<ApiHandler> handler_;
  std::unique_ptr<http::Server> server_;
  std::thread compactor_thread_;
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;  // guarded by mu_
};

ApiServer::ApiServer(Options options, const Clock& clock, Random& random)
    : impl_(std::make_unique<Impl>(std::move(options), clock, random)) {}
ApiServer::~ApiServer() {
  Stop();
}
Status ApiServer::Start() {
  return impl_->Start();
}
void ApiServer::Stop() {
  impl_->Stop();
}
uint16_t ApiServer::port() const {
  return impl_->port();
}

}  // namespace navigator::apiserver
