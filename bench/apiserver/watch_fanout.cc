#include "bench/apiserver/watch_fanout.h"

#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "bench/apiserver/pilot_body.h"
#include "bench/apiserver/pilot_paths.h"
#include "bench/apiserver/server_fill.h"
#include "bench/apiserver/server_usage.h"
#include "bench/apiserver/status_of.h"
#include "bench/apiserver/watch_checker.h"
#include "bench/apiserver/watch_line.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/watch_event.h"

namespace navigator::bench::loadgen {
namespace {

using Clock = std::chrono::steady_clock;

struct Write {
  std::string name;
  std::string resource_version;
  SteadyTime acked;
};

// One watch stream's thread and what it saw.
struct Watcher {
  std::vector<ObservedEvent> events;
  std::atomic<int> seen{0};       // events.size(), for other threads
  std::atomic<bool> done{false};  // the stream returned
  bool saw_sentinel = false;
  Status error;
  SteadyTime last_event{};
  std::thread thread;
};

std::string NameOf(const boost::json::object& object) {
  const boost::json::value* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return "";
  const boost::json::value* name = metadata->as_object().if_contains("name");
  return name != nullptr && name->is_string() ? std::string(name->as_string()) : "";
}

std::string ResourceVersionIn(const boost::json::object& object) {
  const boost::json::value* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return "";
  const boost::json::value* rv = metadata->as_object().if_contains("resourceVersion");
  return rv != nullptr && rv->is_string() ? std::string(rv->as_string()) : "";
}

// Waits until `done()` or `deadline`; true when done.
template <typename Done>
bool WaitFor(Done done, Clock::time_point deadline) {
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace

Result<PhaseResult> RunWatchFanout(const ServerTargetOptions& options, const WatchSpec& spec,
                                   std::ostream& progress) {
  const std::string ns = WatchNamespace(options.namespace_);
  NAVIGATOR_ASSIGN_OR_RETURN(std::unique_ptr<client::RestClient> admin,
                             client::NewRestClient(options.rest));
  NAVIGATOR_RETURN_IF_ERROR(EnsureNamespace(*admin, ns));
  NAVIGATOR_ASSIGN_OR_RETURN(const std::string listed,
                             admin->Do({.path = PilotsPath(ns) + "?limit=1"}));
  NAVIGATOR_ASSIGN_OR_RETURN(const client::ListPage page, client::ParseListPage(listed));
  const std::string prefix = fmt::format("w-{}-{}-", options.run_id, spec.phase);
  const std::string sentinel = prefix + "sentinel";
  progress << fmt::format("{} watch: {} watchers from resourceVersion {}, {} events, {} writers\n",
                          spec.target_name, spec.watchers, page.resource_version, spec.events,
                          spec.writers)
           << std::flush;

  // Watchers.
  std::atomic<bool> cancel{false};
  std::atomic<int> sentinels{0};
  std::atomic<int> finished{0};
  std::vector<Watcher> watchers(static_cast<size_t>(spec.watchers));
  const std::string path =
      fmt::format("{}?watch=true&resourceVersion={}", PilotsPath(ns), page.resource_version);
  // One ADDED event seen by `w`; false once it has all it waits for.
  auto observe = [&](Watcher& w, std::string name, std::string resource_version, SteadyTime at) {
    if (name == sentinel) {
      if (!w.saw_sentinel) ++sentinels;
      w.saw_sentinel = true;
      return true;
    }
    w.events.push_back({std::move(name), std::move(resource_version), at});
    w.last_event = at;
    ++w.seen;
    return static_cast<int>(w.events.size()) < spec.events;
  };
  for (Watcher& w : watchers) {
    w.thread = std::thread([&, &w = w] {
      Result<std::unique_ptr<client::RestClient>> rest = client::NewRestClient(options.rest);
      if (!rest.ok()) {
        w.error = rest.status();
        w.done = true;
        ++finished;
        return;
      }
      Status streamed = (*rest)->Stream(
          path,
          [&](std::string_view line) {
            const SteadyTime at = Clock::now();
            if (const std::optional<AddedEvent> added = ScanAddedEvent(line)) {
              return observe(w, std::string(added->name), std::string(added->resource_version), at);
            }
            Result<client::WatchEvent> event = client::ParseWatchEvent(line);
            if (!event.ok()) {
              w.error = event.status();
              return false;
            }
            if (event->type == client::WatchEventType::kError) {
              w.error = event->error;
              return false;
            }
            if (event->type != client::WatchEventType::kAdded) return true;
            return observe(w, NameOf(event->object), ResourceVersionIn(event->object), at);
          },
          cancel);
      if (!streamed.ok() && w.error.ok() && !cancel) w.error = streamed;
      w.done = true;
      ++finished;
    });
  }
  auto stop_watchers = [&] {
    cancel = true;
    for (Watcher& w : watchers) w.thread.join();
  };

  // The sentinel: every stream open.
  const Status created =
      StatusOf(admin->Do({.method = "POST",
                          .path = PilotsPath(ns),
                          .body = PilotJson(ns, sentinel, options.value_bytes)}));
  if (!created.ok() ||
      !WaitFor([&] { return sentinels + finished >= spec.watchers; },
               Clock::now() + spec.timeout) ||
      sentinels < spec.watchers) {
    stop_watchers();
    if (!created.ok()) return created;
    for (const Watcher& w : watchers) {
      if (!w.error.ok()) return Status(w.error.code(), "a watch failed: " + w.error.message());
    }
    return Timeout(fmt::format("only {} of {} watchers saw the sentinel Pilot {} within {} ms",
                               sentinels.load(), spec.watchers, sentinel, spec.timeout.count()));
  }

  // Writers: connect, then the burst.
  std::optional<ServerUsage> before;
  if (spec.server_pid) {
    Result<ServerUsage> usage = ReadServerUsage(*spec.server_pid);
    if (!usage.ok()) {
      stop_watchers();
      return usage.status();
    }
    before = *usage;
  }
  std::vector<std::vector<Write>> writes(static_cast<size_t>(spec.writers));
  std::atomic<int> next{0};
  std::atomic<int64_t> write_errors{0};
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::mutex mu;
  std::vector<std::thread> writers;
  for (int c = 0; c < spec.writers; ++c) {
    writers.emplace_back([&, c] {
      std::vector<Write>& mine = writes[static_cast<size_t>(c)];
      Result<std::unique_ptr<client::RestClient>> rest = client::NewRestClient(options.rest);
      if (rest.ok()) (void)(*rest)->Do({.path = PilotsPath(ns) + "?limit=1"});
      ++ready;
      go.wait(false);
      if (!rest.ok()) {
        write_errors += 1;
        return;
      }
      for (int i = next++; i < spec.events; i = next++) {
        const std::string name = prefix + std::to_string(i);
        Result<std::string> answer =
            (*rest)->Do({.method = "POST",
                         .path = PilotsPath(ns),
                         .body = PilotJson(ns, name, options.value_bytes)});
        const SteadyTime acked = Clock::now();
        Result<std::string> rv =
            answer.ok() ? ResourceVersionOf(*answer) : Result<std::string>(answer.status());
        if (!rv.ok()) {
          if (write_errors++ < 5) {
            std::lock_guard lock(mu);
            progress << fmt::format("  error (watch write {}): {}\n", name, rv.status().ToString())
                     << std::flush;
          }
          continue;
        }
        mine.push_back({name, std::move(rv).value(), acked});
      }
    });
  }
  while (ready < spec.writers) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const SteadyTime started = Clock::now();
  go = true;
  go.notify_all();
  for (std::thread& t : writers) t.join();
  int written = 0;
  for (const std::vector<Write>& mine : writes) written += static_cast<int>(mine.size());
  const bool all_seen = WaitFor(
      [&] {
        for (const Watcher& w : watchers) {
          if (!w.done && w.seen < written) return false;
        }
        return true;
      },
      Clock::now() + spec.timeout);
  stop_watchers();

  WatchChecker checker;
  PhaseResult result;
  for (const std::vector<Write>& mine : writes) {
    for (const Write& w : mine) checker.AddWrite(w.name, w.resource_version, w.acked);
    result.ops += static_cast<int64_t>(mine.size());
  }
  SteadyTime last = started;
  int64_t failed_streams = 0;
  for (const Watcher& w : watchers) {
    checker.AddWatcher(w.events);
    if (!w.events.empty()) last = std::max(last, w.last_event);
    if (!w.error.ok()) {
      if (failed_streams++ < 5) progress << "  error (watch): " << w.error.ToString() << "\n";
    }
  }
  const WatchCheck& check = checker.result();
  result.target = spec.target_name;
  result.op = std::string(OpName(OpKind::kWatch));
  result.clients = spec.writers;
  result.errors = write_errors + failed_streams;
  result.seconds =
      std::chrono::duration<double>((all_seen ? last : Clock::now()) - started).count();
  result.latency = check.lag;
  result.value_bytes =
      static_cast<int64_t>(PilotJson(ns, prefix + "0", options.value_bytes).size());
  result.watch = WatchSummary{spec.watchers, check.expected, check.delivered, check.complete()};
  if (spec.server_pid) {
    NAVIGATOR_ASSIGN_OR_RETURN(const ServerUsage after, ReadServerUsage(*spec.server_pid));
    result.server_cpu_seconds = after.cpu_seconds - before->cpu_seconds;
    result.server_rss_bytes = after.rss_bytes;
    result.server_rss_peak_bytes = after.rss_peak_bytes;
  }
  progress << fmt::format(
                  "  {} writes, {} errors; {} of {} deliveries, {} missing, {} duplicate, {} "
                  "unexpected\n",
                  result.ops, result.errors, check.delivered, check.expected, check.missing,
                  check.duplicates, check.unexpected)
           << std::flush;
  return result;
}

}  // namespace navigator::bench::loadgen
