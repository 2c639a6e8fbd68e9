#include "bench/apiserver/loadgen_main.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>

#include "bench/apiserver/etcd_target.h"
#include "bench/apiserver/loadgen_options.h"
#include "bench/apiserver/phase_runner.h"
#include "bench/apiserver/server_target.h"
#include "bench/apiserver/server_usage.h"
#include "bench/apiserver/watch_fanout.h"
#include "navigator/client/kubeconfig.h"

namespace navigator::bench::loadgen {
namespace {

constexpr int kExitPhaseFailed = 1;
constexpr int kExitBadFlags = 2;

std::string RunId() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  return fmt::format("{:x}{:x}", millis % 0x10000000, getpid() % 0x1000);
}

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

}  // namespace

int LoadgenMain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  LoadgenOptions options;
  CLI::App app{
      "navigator_apiserver_loadgen: drive an API server (Pilots, navigator.jetstack.io/v1alpha1) "
      "or etcd with concurrent clients; one JSON line per phase on stdout "
      "(bench/apiserver/README.md)"};
  options.AddFlags(app);
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 wants them reversed
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? 0 : kExitBadFlags;
  }
  if (Status valid = options.Validate(); !valid.ok()) {
    err << "navigator_apiserver_loadgen: " << valid.message() << "\n";
    return kExitBadFlags;
  }
  std::optional<pid_t> server_pid;
  if (options.server_pid > 0) {
    server_pid = options.server_pid;
    if (Result<ServerUsage> usage = ReadServerUsage(*server_pid); !usage.ok()) {
      err << fmt::format("navigator_apiserver_loadgen: --server-pid {}: {}\n", options.server_pid,
                         usage.status().message());
      return kExitBadFlags;
    }
  }

  const std::string run_id = RunId();
  std::unique_ptr<Target> target;
  ServerTargetOptions server_options;
  if (options.etcd_mode()) {
    Result<std::unique_ptr<Target>> etcd = NewEtcdTarget({.endpoint = options.etcd,
                                                          .namespace_ = options.namespace_,
                                                          .value_bytes = options.value_bytes,
                                                          .pool_objects = options.objects,
                                                          .run_id = run_id,
                                                          .verify = options.verify,
                                                          .progress = &err});
    if (!etcd.ok()) {
      err << "navigator_apiserver_loadgen: --etcd: " << etcd.status().message() << "\n";
      return kExitBadFlags;
    }
    target = std::move(etcd).value();
  } else {
    Result<client::RestConfig> config = client::LoadKubeconfig(options.kubeconfig);
    if (!config.ok()) {
      err << "navigator_apiserver_loadgen: --kubeconfig: " << config.status().message() << "\n";
      return kExitBadFlags;
    }
    if (!options.server.empty()) config->server = options.server;
    config->timeout = Millis(options.request_timeout_seconds);
    config->user_agent = "navigator-apiserver-loadgen";
    server_options = {.rest = *config,
                      .namespace_ = options.namespace_,
                      .value_bytes = options.value_bytes,
                      .pool_objects = options.objects,
                      .run_id = run_id,
                      .verify = options.verify,
                      .progress = &err};
    Result<std::unique_ptr<Target>> server = NewServerTarget(server_options);
    if (!server.ok()) {
      err << "navigator_apiserver_loadgen: " << server.status().message() << "\n";
      return kExitBadFlags;
    }
    target = std::move(server).value();
  }

  int watch_phase = 0;
  for (const OpKind op : options.op_kinds()) {
    for (const int clients : options.clients) {
      auto run = [&]() -> Result<PhaseResult> {
        if (op == OpKind::kWatch) {
          return RunWatchFanout(server_options,
                                {.target_name = options.target(),
                                 .watchers = options.watchers,
                                 .events = options.events,
                                 .writers = clients,
                                 .timeout = Millis(options.watch_timeout_seconds),
                                 .server_pid = server_pid,
                                 .phase = watch_phase++},
                                err);
        }
        return RunPhase(*target,
                        {.target_name = options.target(),
                         .op = op,
                         .clients = clients,
                         .duration = options.duration(),
                         .total_ops = options.total_ops(),
                         .server_pid = server_pid},
                        err);
      };
      Result<PhaseResult> result = run();
      if (!result.ok()) {
        err << fmt::format("navigator_apiserver_loadgen: {} with {} clients could not run: {}\n",
                           OpName(op), clients, result.status().ToString());
        return kExitPhaseFailed;
      }
      out << PhaseResultJsonLine(*result) << "\n" << std::flush;
    }
  }
  return 0;
}

}  // namespace navigator::bench::loadgen
