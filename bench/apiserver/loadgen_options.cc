#include "bench/apiserver/loadgen_options.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace navigator::bench::loadgen {
namespace {

constexpr int kMaxClients = 1024;
constexpr int64_t kMaxValueBytes = 1'000'000;  // etcd refuses requests over 1.5 MiB
constexpr int kMaxNamespace = 50;              // + "-list-1000" stays a DNS label

bool IsDnsLabel(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

void LoadgenOptions::AddFlags(CLI::App& app) {
  app.add_option("--kubeconfig", kubeconfig,
                 "API server mode: kubeconfig with the server, its CA and credentials");
  app.add_option("--server", server,
                 "API server mode: https://host:port, overrides the kubeconfig's");
  app.add_option("--etcd", etcd, "etcd mode: http://host:port of etcd (the ceiling)");
  app.add_option("--namespace", namespace_, "base namespace (default bench)");
  app.add_option("--op", ops, fmt::format("phases, comma-separated: {}", OpNames()))
      ->delimiter(',');
  app.add_option("--clients", clients, "concurrent clients, comma-separated (e.g. 1,8,32,128)")
      ->delimiter(',');
  app.add_option("--duration", duration_seconds, "seconds per phase (default 10)");
  app.add_option("--ops", ops_per_phase, "operations per phase, instead of --duration");
  app.add_option("--value-bytes", value_bytes,
                 "pad every Pilot to this many bytes of JSON (0: its natural size)");
  app.add_option("--objects", objects, "objects in the pool get and update work on (default 100)");
  app.add_option("--watchers", watchers, "watch: watch streams (default 10)");
  app.add_option("--events", events, "watch: writes in the burst (default 100)");
  app.add_option("--watch-timeout", watch_timeout_seconds,
                 "watch: seconds to wait for every watcher (default 60)");
  app.add_option("--server-pid", server_pid,
                 "the server's process id, for CPU per 1,000 ops and peak RSS");
  app.add_option("--target-name", target_name, "the \"target\" of the output lines");
  app.add_option("--timeout", request_timeout_seconds, "seconds per request (default 30)");
  app.add_flag("--verify", verify, "check every list answer's item count (costs client CPU)");
}

Status LoadgenOptions::Validate() const {
  const bool server_mode = !kubeconfig.empty() || !server.empty();
  if (server_mode && !etcd.empty()) {
    return BadRequest(
        "give either --kubeconfig (and optionally --server) to measure an API server, or --etcd "
        "to measure etcd, not both");
  }
  if (!server_mode && etcd.empty()) {
    return BadRequest(
        "nothing to measure: give --kubeconfig FILE [--server https://HOST:PORT] for an API "
        "server, or --etcd http://HOST:PORT for etcd");
  }
  if (server_mode && kubeconfig.empty()) {
    return BadRequest("--server needs --kubeconfig FILE: the CA and credentials come from it");
  }
  if (!server.empty() && !server.starts_with("https://")) {
    return BadRequest(fmt::format("--server {}: must be an https:// URL", server));
  }
  if (!etcd.empty() && !etcd.starts_with("http://")) {
    return BadRequest(fmt::format(
        "--etcd {}: must be an http:// URL (etcd without TLS, as in the benchmark)", etcd));
  }
  if (!IsDnsLabel(namespace_) || namespace_.size() > kMaxNamespace) {
    return BadRequest(fmt::format(
        "--namespace \"{}\": must be a DNS label (lower-case letters, digits, '-') of at most "
        "{} characters, as the tool adds suffixes such as -list-1000",
        namespace_, kMaxNamespace));
  }
  if (ops.empty()) {
    return BadRequest(fmt::format("--op is required: one or more of {}", OpNames()));
  }
  for (const std::string& op : ops) {
    const std::optional<OpKind> kind = ParseOpName(op);
    if (!kind) return BadRequest(fmt::format("--op \"{}\": not an op; use {}", op, OpNames()));
    if (!etcd.empty() && (*kind == OpKind::kMixed || *kind == OpKind::kWatch)) {
      return BadRequest(fmt::format(
          "--op {} needs an API server (--kubeconfig): with --etcd use create, get, update, "
          "update-status, list-100, list-1000",
          op));
    }
  }
  if (clients.empty()) return BadRequest("--clients: give at least one level, e.g. 1,8,32,128");
  for (const int c : clients) {
    if (c < 1 || c > kMaxClients) {
      return BadRequest(fmt::format("--clients {}: each level must be 1..{}", c, kMaxClients));
    }
  }
  const bool has_duration = duration_seconds != kUnsetSeconds;
  const bool has_ops = ops_per_phase != kUnsetOps;
  if (has_duration && has_ops) {
    return BadRequest("--duration and --ops both given: a phase ends by one of them, pick one");
  }
  if (has_duration && (!(duration_seconds > 0) || duration_seconds > 3600)) {
    return BadRequest(
        fmt::format("--duration {}: must be > 0 and at most 3600 seconds", duration_seconds));
  }
  if (has_ops && ops_per_phase < 1) {
    return BadRequest(fmt::format("--ops {}: must be at least 1", ops_per_phase));
  }
  if (value_bytes < 0 || value_bytes > kMaxValueBytes) {
    return BadRequest(fmt::format(
        "--value-bytes {}: must be 0 (natural size) .. {} (etcd's request limit is 1.5 MiB)",
        value_bytes, kMaxValueBytes));
  }
  if (objects < 1 || objects > 100'000) {
    return BadRequest(fmt::format("--objects {}: must be 1..100000", objects));
  }
  if (watchers < 1 || watchers > 10'000) {
    return BadRequest(fmt::format("--watchers {}: must be 1..10000", watchers));
  }
  if (events < 1 || events > 1'000'000) {
    return BadRequest(fmt::format("--events {}: must be 1..1000000", events));
  }
  if (!(watch_timeout_seconds > 0) || watch_timeout_seconds > 3600) {
    return BadRequest(fmt::format("--watch-timeout {}: must be > 0 and at most 3600 seconds",
                                  watch_timeout_seconds));
  }
  if (server_pid < 0) {
    return BadRequest(fmt::format("--server-pid {}: must be a process id (> 0)", server_pid));
  }
  if (!(request_timeout_seconds > 0) || request_timeout_seconds > 3600) {
    return BadRequest(
        fmt::format("--timeout {}: must be > 0 and at most 3600 seconds", request_timeout_seconds));
  }
  return OkStatus();
}

std::vector<OpKind> LoadgenOptions::op_kinds() const {
  std::vector<OpKind> kinds;
  for (const std::string& op : ops) {
    if (const std::optional<OpKind> kind = ParseOpName(op)) kinds.push_back(*kind);
  }
  return kinds;
}

std::string LoadgenOptions::target() const {
  if (!target_name.empty()) return target_name;
  return etcd_mode() ? "etcd" : "navigator";
}

std::optional<std::chrono::milliseconds> LoadgenOptions::duration() const {
  if (ops_per_phase != kUnsetOps) return std::nullopt;
  const double seconds = duration_seconds != kUnsetSeconds ? duration_seconds : 10.0;
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

std::optional<int64_t> LoadgenOptions::total_ops() const {
  if (ops_per_phase != kUnsetOps) return ops_per_phase;
  return std::nullopt;
}

}  // namespace navigator::bench::loadgen
