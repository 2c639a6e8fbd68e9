#include "bench/apiserver/summary_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "bench/apiserver/summary_targets.h"

namespace navigator::bench {
namespace {

constexpr std::string_view kDash = "–";
constexpr std::string_view kTargets[] = {kNavigator, kKubeApiserver, kEtcd};
// Ops in the order the table lists them; others follow in order of appearance.
constexpr std::string_view kOpOrder[] = {"create",   "get",       "update", "update-status",
                                         "list-100", "list-1000", "mixed"};

std::string Ms(std::optional<double> ms) {
  if (!ms) return std::string(kDash);
  return *ms < 10 ? fmt::format("{:.2f}", *ms) : fmt::format("{:.1f}", *ms);
}

std::string MiB(std::optional<int64_t> bytes) {
  if (!bytes) return std::string(kDash);
  return fmt::format("{:.0f} MiB", static_cast<double>(*bytes) / 1048576.0);
}

std::string Rate(const PhaseResult* p) {
  if (p == nullptr) return std::string(kDash);
  std::string s = fmt::format("{:.0f}", p->ops_per_sec);
  if (p->errors > 0) s += fmt::format(" ({} errors)", p->errors);
  return s;
}

std::string Ratio(const PhaseResult* a, const PhaseResult* b) {
  if (a == nullptr || b == nullptr || b->ops_per_sec <= 0) return std::string(kDash);
  return fmt::format("{:.2f}×", a->ops_per_sec / b->ops_per_sec);
}

std::vector<std::string> Ops(const std::vector<PhaseResult>& phases) {
  std::vector<std::string> ops;
  for (std::string_view op : kOpOrder) {
    if (std::any_of(phases.begin(), phases.end(), [&](const auto& p) { return p.op == op; })) {
      ops.emplace_back(op);
    }
  }
  for (const PhaseResult& p : phases) {
    if (p.op != "watch" && std::find(ops.begin(), ops.end(), p.op) == ops.end()) {
      ops.push_back(p.op);
    }
  }
  return ops;
}

void Throughput(const std::vector<PhaseResult>& phases, std::string& out) {
  out +=
      "| op | clients | navigator ops/s | kube-apiserver ops/s | etcd ops/s | "
      "navigator / kube-apiserver | navigator / etcd | p99 ms navigator | "
      "p99 ms kube-apiserver | p99 ms etcd |\n";
  out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const std::string& op : Ops(phases)) {
    std::set<int64_t> levels;
    for (const PhaseResult& p : phases) {
      if (p.op == op) levels.insert(p.clients);
    }
    for (int64_t clients : levels) {
      const PhaseResult* nav = FindPhase(phases, kNavigator, op, clients);
      const PhaseResult* kube = FindPhase(phases, kKubeApiserver, op, clients);
      const PhaseResult* etcd = FindPhase(phases, kEtcd, op, clients);
      auto p99 = [](const PhaseResult* p) {
        return p ? Ms(p->p99_ms) : std::string(kDash);
      };
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", op, clients,
                         Rate(nav), Rate(kube), Rate(etcd), Ratio(nav, kube), Ratio(nav, etcd),
                         p99(nav), p99(kube), p99(etcd));
    }
  }
}

void Resources(const BenchReport& r, std::string& out) {
  constexpr std::string_view kCpuOps[] = {"create", "get", "update", "list-1000"};
  out += fmt::format(
      "| target | RSS after storing 10,000 objects | peak RSS then | peak RSS, whole run | "
      "CPU s / 1,000 create | get | update | list-1000 (at {} clients) |\n",
      kTargetClients);
  out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (std::string_view target : kTargets) {
    const PhaseResult* fill = FindPhase(r.resident, target, "create", 0);
    std::optional<int64_t> run_peak;
    for (const PhaseResult& p : r.phases) {
      if (p.target == target && p.server_rss_peak_bytes) {
        run_peak = std::max(run_peak.value_or(0), *p.server_rss_peak_bytes);
      }
    }
    if (fill == nullptr && !run_peak) continue;
    std::string row = fmt::format(
        "| {} | {} | {} | {} |", target, fill ? MiB(fill->server_rss_bytes) : std::string(kDash),
        fill ? MiB(fill->server_rss_peak_bytes) : std::string(kDash), MiB(run_peak));
    for (std::string_view op : kCpuOps) {
      const PhaseResult* p = FindPhase(r.phases, target, op, kTargetClients);
      row += fmt::format(" {} |", p && p->server_cpu_seconds_per_1000
                                      ? fmt::format("{:.2f}", *p->server_cpu_seconds_per_1000)
                                      : std::string(kDash));
    }
    out += row + "\n";
  }
}

void Watches(const std::vector<PhaseResult>& phases, std::string& out) {
  out +=
      "| target | watchers | writers | events expected | delivered | complete | "
      "lag p50 ms | p90 ms | p99 ms | max ms |\n";
  out += "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n";
  for (const PhaseResult& p : phases) {
    if (p.op != "watch") continue;
    auto num = [](std::optional<int64_t> v) {
      return v ? fmt::format("{}", *v) : std::string(kDash);
    };
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", p.target,
                       num(p.watchers), p.clients, num(p.events_expected), num(p.events_delivered),
                       p.events_complete ? (*p.events_complete ? "yes" : "**no**") : kDash,
                       Ms(p.p50_ms), Ms(p.p90_ms), Ms(p.p99_ms), Ms(p.max_ms));
  }
}

}  // namespace

std::string RenderMarkdown(const BenchReport& r) {
  std::string out = fmt::format("Machine: {}.\n", DescribeMachine(r.machine));
  if (!r.command.empty()) out += fmt::format("Command: `{}`.\n", r.command);
  out +=
      "\nThroughput (ops/s, higher is better) and p99 latency (ms) per operation and client "
      "count; the ratios divide navigator's ops/s by the other target's.\n\n";
  Throughput(r.phases, out);
  out += "\nMemory (VmRSS / VmHWM of the server process) and server CPU per 1,000 operations.\n\n";
  Resources(r, out);
  if (std::any_of(r.phases.begin(), r.phases.end(),
                  [](const auto& p) { return p.op == "watch"; })) {
    out += "\nWatch fan-out: per-event delivery lag from the write's acknowledgement.\n\n";
    Watches(r.phases, out);
  }
  out += "\nIssue 6 targets.\n\n| target | measured | |\n| --- | --- | --- |\n";
  for (const TargetCheck& c : CheckIssueTargets(r.phases, r.resident)) {
    out += fmt::format("| {} | {} | {} |\n", c.target, c.measured, VerdictText(c.verdict));
  }
  bool errors = false;
  for (const PhaseResult& p : r.phases) errors = errors || p.errors > 0;
  if (errors) {
    out +=
        "\nPhases marked \"(N errors)\" counted failed operations: their numbers are not "
        "comparable.\n";
  }
  return out;
}

}  // namespace navigator::bench
