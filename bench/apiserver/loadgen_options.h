#pragma once

// navigator_apiserver_loadgen's flags (README.md, "Usage"), and their
// validation: every problem is a kBadRequest naming the flag and what to
// give instead.

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "bench/apiserver/op_kind.h"
#include "navigator/base/status.h"

namespace navigator::bench::loadgen {

struct LoadgenOptions {
  // The values of --duration and --ops when they are not given.
  static constexpr double kUnsetSeconds = std::numeric_limits<double>::lowest();
  static constexpr int64_t kUnsetOps = std::numeric_limits<int64_t>::min();

  // API server mode: --kubeconfig (credentials and CA), --server overrides
  // its server URL. etcd mode: --etcd.
  std::string kubeconfig;
  std::string server;
  std::string etcd;
  std::string namespace_ = "bench";
  std::vector<std::string> ops;  // --op a,b,c
  std::vector<int> clients{1};   // --clients 1,8,32
  double duration_seconds = kUnsetSeconds;
  int64_t ops_per_phase = kUnsetOps;
  int64_t value_bytes = 0;  // 0: the Pilot's natural size
  int objects = 100;        // the get/update pool
  int watchers = 10;
  int events = 100;
  double watch_timeout_seconds = 60;
  int server_pid = 0;       // 0: not given
  std::string target_name;  // empty: "navigator" or "etcd"
  double request_timeout_seconds = 30;
  bool verify = false;

  void AddFlags(CLI::App& app);
  // kBadRequest naming the flag.
  Status Validate() const;

  // Valid only after Validate() succeeded.
  bool etcd_mode() const { return !etcd.empty(); }
  std::vector<OpKind> op_kinds() const;
  std::string target() const;
  // The phase length: --duration, or 10 s when neither it nor --ops is given.
  std::optional<std::chrono::milliseconds> duration() const;
  std::optional<int64_t> total_ops() const;
};

}  // namespace navigator::bench::loadgen
