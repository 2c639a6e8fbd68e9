#include "bench/apiserver/phase_runner.h"

#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "bench/apiserver/op_mix.h"
#include "bench/apiserver/server_usage.h"

namespace navigator::bench::loadgen {
namespace {

using Clock = std::chrono::steady_clock;

// Error messages printed per phase; the rest are only counted.
constexpr int kReportedErrors = 5;

struct ClientTotals {
  LatencyHistogram latency;
  int64_t ops = 0;
  int64_t errors = 0;
  int64_t conflicts = 0;
  std::map<std::string, int64_t> mix;
};

}  // namespace

Result<PhaseResult> RunPhase(Target& target, const PhaseSpec& spec, std::ostream& progress) {
  NAVIGATOR_RETURN_IF_ERROR(target.Prepare(spec.op, spec.clients));
  const std::string_view op_name = OpName(spec.op);
  progress << fmt::format("{} {}: {} clients, {}\n", spec.target_name, op_name, spec.clients,
                          spec.duration ? fmt::format("{} ms", spec.duration->count())
                                        : fmt::format("{} ops", spec.total_ops.value_or(0)))
           << std::flush;

  const OpMixSchedule mix(DefaultMix());
  std::vector<ClientTotals> totals(static_cast<size_t>(spec.clients));
  std::atomic<int> connected{0};
  // 0: connecting; kGo or kAbort once every client connected (or failed).
  constexpr int kGo = 1;
  constexpr int kAbort = 2;
  std::atomic<int> state{0};
  std::atomic<bool> failed{false};
  std::atomic<bool> stop{false};
  std::atomic<int64_t> issued{0};
  std::atomic<int> reported{0};
  std::mutex mu;
  Status setup_error;

  std::vector<std::thread> threads;
  for (int c = 0; c < spec.clients; ++c) {
    threads.emplace_back([&, c] {
      ClientTotals& mine = totals[static_cast<size_t>(c)];
      Result<std::unique_ptr<Worker>> worker = target.NewWorker(c, spec.clients);
      Status ready = worker.ok() ? (*worker)->Connect() : worker.status();
      if (!ready.ok()) {
        std::lock_guard lock(mu);
        if (setup_error.ok()) {
          setup_error = Status(ready.code(), fmt::format("client {}: {}", c, ready.message()));
        }
        failed = true;
      }
      ++connected;
      state.wait(0);
      if (state == kAbort || !ready.ok()) return;
      for (int64_t sequence = 0; !stop; ++sequence) {
        if (spec.total_ops && issued.fetch_add(1) >= *spec.total_ops) break;
        const OpKind op = spec.op == OpKind::kMixed ? mix.Op(c, sequence) : spec.op;
        OpOutcome outcome = (*worker)->Do(op);
        switch (outcome.kind) {
          case OpOutcome::Kind::kOk:
            ++mine.ops;
            mine.latency.Record(outcome.nanoseconds);
            if (spec.op == OpKind::kMixed) ++mine.mix[std::string(OpName(op))];
            break;
          case OpOutcome::Kind::kConflict:
            ++mine.conflicts;
            break;
          case OpOutcome::Kind::kError:
            ++mine.errors;
            if (reported++ < kReportedErrors) {
              std::lock_guard lock(mu);
              progress << fmt::format("  error ({} {}): {}\n", op_name, OpName(op),
                                      outcome.error.ToString())
                       << std::flush;
            }
            break;
        }
      }
    });
  }
  while (connected < spec.clients) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  std::optional<ServerUsage> before;
  if (spec.server_pid && !failed) {
    Result<ServerUsage> usage = ReadServerUsage(*spec.server_pid);
    if (usage.ok()) {
      before = *usage;
    } else {
      setup_error = usage.status();
      failed = true;
    }
  }
  const Clock::time_point started = Clock::now();
  state = failed ? kAbort : kGo;
  state.notify_all();
  if (spec.duration && !failed) {
    std::this_thread::sleep_for(*spec.duration);
    stop = true;
  }
  for (std::thread& t : threads) t.join();
  const Clock::time_point finished = Clock::now();
  if (failed) return setup_error;

  PhaseResult result;
  result.target = spec.target_name;
  result.op = std::string(op_name);
  result.clients = spec.clients;
  result.seconds = std::chrono::duration<double>(finished - started).count();
  result.value_bytes = target.value_bytes();
  if (const int listed = ListSize(spec.op); listed > 0) result.objects = listed;
  if (spec.op == OpKind::kMixed) result.mix.emplace();
  for (const ClientTotals& t : totals) {
    result.latency.Merge(t.latency);
    result.ops += t.ops;
    result.errors += t.errors;
    result.conflicts += t.conflicts;
    for (const auto& [name, count] : t.mix) (*result.mix)[name] += count;
  }
  if (spec.server_pid) {
    NAVIGATOR_ASSIGN_OR_RETURN(const ServerUsage after, ReadServerUsage(*spec.server_pid));
    result.server_cpu_seconds = after.cpu_seconds - before->cpu_seconds;
    result.server_rss_bytes = after.rss_bytes;
    result.server_rss_peak_bytes = after.rss_peak_bytes;
  }
  progress << fmt::format("  {} ops, {} errors, {} conflicts in {:.2f} s\n", result.ops,
                          result.errors, result.conflicts, result.seconds)
           << std::flush;
  return result;
}

}  // namespace navigator::bench::loadgen
