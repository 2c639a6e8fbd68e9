#include "bench/informer/measure_navigator.h"

#include <fmt/format.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "bench/informer/child_protocol.h"
#include "bench/informer/configmap_workload.h"
#include "bench/informer/process_memory.h"
#include "navigator/client/informer.h"
#include "navigator/client/kubeconfig.h"
#include "navigator/client/rest_client.h"

namespace navigator::bench {

namespace {

void Emit(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace

int MeasureNavigatorInformer(const MeasureOptions& options) {
  Result<client::RestConfig> config = client::LoadKubeconfig(options.kubeconfig);
  if (!config.ok()) {
    fmt::print(stderr, "measure: {}\n", config.status().ToString());
    return 2;
  }
  Result<std::unique_ptr<client::RestClient>> rest = client::NewRestClient(*config);
  if (!rest.ok()) {
    fmt::print(stderr, "measure: {}\n", rest.status().ToString());
    return 2;
  }
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;

  std::mutex mu;
  std::condition_variable all_seen;
  DoneReport done;
  done.events.reserve(static_cast<size_t>(options.updates));

  SyncedReport synced{.client = "navigator"};
  synced.heap_before = HeapInUseBytes();
  synced.rss_before = ResidentSetBytes();

  // Page size 500, as client-go's reflector lists when it does not stream.
  client::Informer informer(
      **rest,
      {.path = fmt::format("/api/v1/namespaces/{}/configmaps", options.ns), .page_size = 500});
  informer.AddEventHandler({
      .on_add = [](const boost::json::object&) {},
      .on_update =
          [&](const boost::json::object& old_object, const boost::json::object& object) {
            const int64_t now = UnixNanos();
            std::string rv = client::ObjectResourceVersion(object);
            if (rv == client::ObjectResourceVersion(old_object)) return;
            std::lock_guard lock(mu);
            done.events.push_back({std::move(rv), now});
            if (static_cast<int64_t>(done.events.size()) == options.updates) all_seen.notify_all();
          },
      .on_delete = [](const boost::json::object&) {},
  });

  const auto started = std::chrono::steady_clock::now();
  informer.Start();
  while (!informer.HasSynced() || static_cast<int64_t>(informer.store().size()) < options.objects) {
    if (std::chrono::steady_clock::now() >= deadline) {
      fmt::print(stderr, "measure: not synced with {} objects within {}s\n", options.objects,
                 options.timeout.count());
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  synced.sync_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  synced.rss_after = ResidentSetBytes();
  synced.heap_after = HeapInUseBytes();
  synced.objects = static_cast<int64_t>(informer.store().size());
  Emit(SyncedLine(synced));

  {
    std::unique_lock lock(mu);
    all_seen.wait_until(lock, deadline, [&] {
      return static_cast<int64_t>(done.events.size()) >= options.updates;
    });
    done.updates_seen = static_cast<int64_t>(done.events.size());
    Emit(DoneLine(done));
  }
  informer.Stop();
  return done.updates_seen >= options.updates ? 0 : 1;
}

}  // namespace navigator::bench
