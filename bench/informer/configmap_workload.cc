#include "bench/informer/configmap_workload.h"

#include <fmt/format.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

namespace navigator::bench {

namespace json = boost::json;

namespace {

// Runs body(i) for i in [0, count) on `threads` threads; stops handing out
// work after the first error and returns it.
Status ParallelFor(int count, int threads, const std::function<Status(int)>& body) {
  std::atomic<int> next{0};
  std::mutex mu;
  Status first_error;
  auto worker = [&] {
    while (true) {
      const int i = next.fetch_add(1);
      if (i >= count) return;
      Status status = body(i);
      if (!status.ok()) {
        std::lock_guard lock(mu);
        if (first_error.ok()) first_error = std::move(status);
        next.store(count);
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(threads, 1); ++t) pool.emplace_back(worker);
  for (std::thread& thread : pool) thread.join();
  return first_error;
}

// Deterministic text that looks like a small config file entry.
std::string ConfigText(int index, int key) {
  std::string text = fmt::format("# setting {} of object {}\n", key, index);
  uint32_t state = static_cast<uint32_t>(index) * 2654435761u + static_cast<uint32_t>(key);
  while (text.size() < 120) {
    state = state * 1664525u + 1013904223u;
    text += fmt::format("option.{:x}={}\n", state >> 20, state % 10007);
  }
  return text.substr(0, 128);
}

}  // namespace

std::string ConfigMapName(int index) {
  return fmt::format("bench-{:05d}", index);
}

std::string ConfigMapJson(std::string_view ns, int index) {
  json::object data;
  for (int key = 0; key < 8; ++key) {
    data[fmt::format("setting-{}.conf", key)] = ConfigText(index, key);
  }
  json::object object{
      {"apiVersion", "v1"},
      {"kind", "ConfigMap"},
      {"metadata",
       {{"name", ConfigMapName(index)},
        {"namespace", ns},
        {"labels",
         {{"app", "informer-bench"},
          {"tier", index % 2 == 0 ? "frontend" : "backend"},
          {"shard", fmt::format("shard-{}", index % 16)},
          {"release", fmt::format("r{}", index % 5)}}}}},
      {"data", std::move(data)},
  };
  return json::serialize(object);
}

Status CreateWorkload(client::RestClient& client, const Workload& workload) {
  Result<std::string> ns = client.Do(client::RestRequest{
      .method = "POST",
      .path = "/api/v1/namespaces",
      .body = fmt::format(R"({{"apiVersion":"v1","kind":"Namespace","metadata":{{"name":"{}"}}}})",
                          workload.ns)});
  if (!ns.ok()) return ns.status();
  const std::string path = fmt::format("/api/v1/namespaces/{}/configmaps", workload.ns);
  return ParallelFor(workload.objects, workload.writers, [&](int i) -> Status {
    Result<std::string> created = client.Do(
        client::RestRequest{.method = "POST", .path = path, .body = ConfigMapJson(workload.ns, i)});
    if (created.ok()) return OkStatus();
    return Status(
        created.status().code(),
        fmt::format("creating ConfigMap {}: {}", ConfigMapName(i), created.status().message()));
  });
}

Result<std::vector<WriteAck>> WriteUpdates(client::RestClient& client, const Workload& workload,
                                           int64_t first_seq) {
  std::vector<WriteAck> acks(static_cast<size_t>(workload.updates));
  Status status = ParallelFor(workload.updates, workload.writers, [&](int i) -> Status {
    const std::string name = ConfigMapName(i % std::max(workload.objects, 1));
    WriteAck& ack = acks[static_cast<size_t>(i)];
    ack.sent_ns = UnixNanos();
    Result<std::string> patched = client.Do(client::RestRequest{
        .method = "PATCH",
        .path = fmt::format("/api/v1/namespaces/{}/configmaps/{}", workload.ns, name),
        .body = fmt::format(R"({{"data":{{"seq":"{}"}}}})", first_seq + i),
        .content_type = "application/merge-patch+json"});
    ack.acked_ns = UnixNanos();
    if (!patched.ok()) {
      return Status(patched.status().code(),
                    fmt::format("updating ConfigMap {}: {}", name, patched.status().message()));
    }
    boost::system::error_code error;
    json::value answer = json::parse(*patched, error);
    const json::value* rv =
        error ? nullptr : answer.find_pointer("/metadata/resourceVersion", error);
    if (rv == nullptr || !rv->is_string()) {
      return Internal(fmt::format("updating ConfigMap {}: no resourceVersion in the answer", name));
    }
    ack.resource_version = std::string(rv->as_string());
    return OkStatus();
  });
  if (!status.ok()) return status;
  return acks;
}

int64_t UnixNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace navigator::bench
