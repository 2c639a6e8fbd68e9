#pragma once

// The measured-client side of the informer benchmark for Navigator's own
// client: a navigator client::Informer on the ConfigMaps of one namespace,
// reporting on stdout what bench/informer/child_protocol.h describes. The
// benchmark runs it as a child process (this binary with --measure), as it
// runs the client-go baseline, so that both are measured alone in a process
// of their own.

#include <chrono>
#include <cstdint>
#include <string>

namespace navigator::bench {

struct MeasureOptions {
  std::string kubeconfig;  // admin kubeconfig of the cluster
  std::string ns;
  int64_t objects = 0;  // ConfigMaps to wait for in the store
  int64_t updates = 0;  // update events to wait for after the sync
  std::chrono::seconds timeout{600};
};

// Runs the measurement. Returns the process exit status: 0 when every
// expected update was seen, 1 when not (or the sync timed out), 2 when the
// kubeconfig is unusable. Diagnostics go to stderr.
int MeasureNavigatorInformer(const MeasureOptions& options);

}  // namespace navigator::bench
