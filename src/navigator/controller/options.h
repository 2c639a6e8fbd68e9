#pragma once

// navigator-controller's command-line flags, named as kube-controller-manager
// and controller-runtime managers name them.

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>

#include "navigator/base/log_format.h"
#include "navigator/base/status.h"

namespace navigator::controller {

struct LeaderElectionOptions {
  bool enabled = true;
  std::chrono::milliseconds lease_duration{15'000};
  std::chrono::milliseconds renew_deadline{10'000};
  std::chrono::milliseconds retry_period{2'000};
  std::string resource_namespace = "kube-system";
  std::string resource_name = "navigator-controller";
};

struct Options {
  // Where the API server is, in controller-runtime's order: this file;
  // else $KUBECONFIG; else the in-cluster service account; else
  // ~/.kube/config.
  std::string kubeconfig;
  std::string master;   // overrides the kubeconfig's server
  std::string context;  // the kubeconfig context; empty: its current-context
  // Watch and reconcile one namespace; empty: all.
  std::string namespace_;
  LeaderElectionOptions leader_election;
  // host:port of /healthz and /readyz, and of /metrics ("0" turns one off).
  std::string health_bind_address = "127.0.0.1:8081";
  std::string metrics_bind_address = "127.0.0.1:8080";
  std::string cert_dir = "navigator-controller.local.config/certificates";
  int workers = 2;  // per controller
  // Client-side limit on requests to the API server (kube-controller-manager's).
  double kube_api_qps = 20;
  int kube_api_burst = 30;
  std::chrono::seconds resync_period{0};  // 0: no periodic resync
  int verbosity = 0;
  LogFormat log_format = LogFormat::kText;

  void AddFlags(CLI::App& app);
  // kBadRequest naming the flag.
  Status Validate() const;
};

}  // namespace navigator::controller
