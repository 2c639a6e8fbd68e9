#pragma once

// navigator-apiserver's command-line flags, named as kube-apiserver names them.

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "navigator/apiserver/delegation_options.h"
#include "navigator/base/status.h"

namespace navigator::apiserver {

struct Options {
  // etcd
  std::vector<std::string> etcd_servers;
  std::string etcd_prefix = "/registry";
  std::string etcd_cafile;
  std::string etcd_certfile;
  std::string etcd_keyfile;
  int etcd_compaction_interval_seconds = 300;  // 0 disables

  // secure serving
  std::string bind_address = "0.0.0.0";
  uint16_t secure_port = 6443;
  std::string tls_cert_file;
  std::string tls_private_key_file;
  std::string cert_dir = "apiserver.local.config/certificates";

  // limits
  int max_connections = 2000;
  int request_timeout_seconds = 60;
  int worker_threads = 64;
  int io_threads = 0;  // 0: one per CPU, at most 8

  // watch
  bool watch_cache = true;
  int watch_cache_size = 10000;  // events kept per resource for resuming
  int watch_buffer_size = 1000;  // events one watcher may lag before it is closed
  int min_request_timeout_seconds = 1800;
  int watch_bookmark_interval_seconds = 60;

  // authentication, authorization, admission
  DelegationOptions delegation;

  int verbosity = 0;

  // Registers the flags on `app`.
  void AddFlags(CLI::App& app);
  // Cross-flag checks after parsing; kBadRequest names the flag.
  Status Validate() const;
};

}  // namespace navigator::apiserver
