#include "bench/apiserver/summary_targets.h"

#include <fmt/format.h>

namespace navigator::bench {
namespace {

bool Usable(const PhaseResult* p) {
  return p != nullptr && p->errors == 0 && p->ops > 0;
}

// navigator's ops/s over `other`'s for `op` at 32 clients, checked >= `least`.
TargetCheck Throughput(const std::vector<PhaseResult>& phases, std::string_view op,
                       std::string_view other, double least, std::string target) {
  TargetCheck c{std::move(target), "", Verdict::kNotMeasured};
  const PhaseResult* nav = FindPhase(phases, kNavigator, op, kTargetClients);
  const PhaseResult* base = FindPhase(phases, other, op, kTargetClients);
  if (!Usable(nav) || !Usable(base) || base->ops_per_sec <= 0) {
    c.measured = fmt::format("no error-free {} phases of both at {} clients", op, kTargetClients);
    return c;
  }
  const double ratio = nav->ops_per_sec / base->ops_per_sec;
  // A fraction of the ceiling reads better (and never rounds across the line) as a percentage.
  const std::string shown =
      least < 1 ? fmt::format("{:.1f} %", 100 * ratio) : fmt::format("{:.2f}×", ratio);
  c.measured =
      fmt::format("{} ({:.0f} vs {:.0f} ops/s)", shown, nav->ops_per_sec, base->ops_per_sec);
  c.verdict = ratio >= least ? Verdict::kMet : Verdict::kNotMet;
  return c;
}

TargetCheck WriteLatency(const std::vector<PhaseResult>& phases) {
  TargetCheck c{fmt::format("p99 latency of writes (create, update, update-status) at {} clients "
                            "under half of kube-apiserver's",
                            kTargetClients),
                "", Verdict::kMet};
  std::string parts;
  for (std::string_view op : {"create", "update", "update-status"}) {
    const PhaseResult* nav = FindPhase(phases, kNavigator, op, kTargetClients);
    const PhaseResult* kube = FindPhase(phases, kKubeApiserver, op, kTargetClients);
    if (!Usable(nav) || !Usable(kube) || !nav->p99_ms || !kube->p99_ms) {
      c.verdict = Verdict::kNotMeasured;
      c.measured = fmt::format("no error-free {} phases of both at {} clients", op, kTargetClients);
      return c;
    }
    if (!parts.empty()) parts += "; ";
    parts += fmt::format("{} {:.1f} vs {:.1f} ms", op, *nav->p99_ms, *kube->p99_ms);
    if (*nav->p99_ms >= 0.5 * *kube->p99_ms) c.verdict = Verdict::kNotMet;
  }
  c.measured = std::move(parts);
  return c;
}

TargetCheck Memory(const std::vector<PhaseResult>& resident) {
  TargetCheck c{"peak RSS with 10,000 objects ≤ ¼ of kube-apiserver's", "", Verdict::kNotMeasured};
  const PhaseResult* nav = FindPhase(resident, kNavigator, "create", 0);
  const PhaseResult* kube = FindPhase(resident, kKubeApiserver, "create", 0);
  if (!Usable(nav) || !Usable(kube) || !nav->server_rss_peak_bytes ||
      !kube->server_rss_peak_bytes || *kube->server_rss_peak_bytes <= 0) {
    c.measured = "no error-free 10,000-object fill of both with --server-pid";
    return c;
  }
  const double ratio = static_cast<double>(*nav->server_rss_peak_bytes) /
                       static_cast<double>(*kube->server_rss_peak_bytes);
  c.measured = fmt::format("{:.2f}× ({:.0f} vs {:.0f} MiB)", ratio,
                           static_cast<double>(*nav->server_rss_peak_bytes) / 1048576.0,
                           static_cast<double>(*kube->server_rss_peak_bytes) / 1048576.0);
  c.verdict = ratio <= 0.25 ? Verdict::kMet : Verdict::kNotMet;
  return c;
}

TargetCheck Watch(const std::vector<PhaseResult>& phases) {
  TargetCheck c{"1,000 watchers: every event to every watcher, p99 delivery lag < 50 ms", "",
                Verdict::kNotMeasured};
  const PhaseResult* best = nullptr;
  for (const PhaseResult& p : phases) {
    if (p.target == kNavigator && p.op == "watch" && p.watchers &&
        (best == nullptr || *p.watchers >= *best->watchers)) {
      best = &p;
    }
  }
  if (best == nullptr || !best->p99_ms || !best->events_complete) {
    c.measured = "no watch phase of navigator";
    return c;
  }
  c.measured = fmt::format("{} watchers: {} of {} events, p99 lag {:.1f} ms", *best->watchers,
                           best->events_delivered.value_or(0), best->events_expected.value_or(0),
                           *best->p99_ms);
  if (*best->watchers < 1000) {
    c.measured += " (fewer than 1,000 watchers)";
    return c;
  }
  c.verdict = *best->events_complete && best->errors == 0 && *best->p99_ms < 50 ? Verdict::kMet
                                                                                : Verdict::kNotMet;
  return c;
}

}  // namespace

std::string_view VerdictText(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "met";
    case Verdict::kNotMet:
      return "not met";
    case Verdict::kNotMeasured:
      break;
  }
  return "not measured";
}

std::vector<TargetCheck> CheckIssueTargets(const std::vector<PhaseResult>& phases,
                                           const std::vector<PhaseResult>& resident) {
  const std::string at = fmt::format("at {} clients", kTargetClients);
  return {
      Throughput(phases, "create", kKubeApiserver, 2.0,
                 fmt::format("create throughput ≥ 2× kube-apiserver CRD {}", at)),
      Throughput(phases, "update", kKubeApiserver, 2.0,
                 fmt::format("update throughput ≥ 2× kube-apiserver CRD {}", at)),
      Throughput(phases, "create", kEtcd, 0.7,
                 fmt::format("create ≥ 70 % of the raw etcd put rate {}", at)),
      Throughput(phases, "update", kEtcd, 0.7,
                 fmt::format("update ≥ 70 % of the raw etcd rate (compare-and-put Txn) {}", at)),
      Throughput(phases, "get", kKubeApiserver, 3.0,
                 fmt::format("get ≥ 3× kube-apiserver CRD {}", at)),
      Throughput(phases, "list-1000", kKubeApiserver, 3.0,
                 fmt::format("list of 1,000 objects ≥ 3× kube-apiserver CRD {}", at)),
      WriteLatency(phases),
      Memory(resident),
      Watch(phases),
  };
}

}  // namespace navigator::bench
