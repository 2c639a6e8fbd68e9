#pragma once

// navigator-controller as one object: a Kubernetes client from the flags, a
// runtime::Manager with informers on every resource the Navigator controllers
// reconcile, leader election, and the registered reconcilers. main() only
// parses flags and runs this.
//
// Threading: Start and Run from the main thread; Stop from another (the
// signal-waiting thread).

#include <memory>

#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/base/result.h"
#include "navigator/controller/options.h"

namespace navigator::controller {

class ControllerManager {
 public:
  ControllerManager(Options options, const Clock& clock, Random& random);
  ~ControllerManager();

  // Reads the kubeconfig (or in-cluster config), starts the informers and
  // the health and metrics endpoints. Errors name the flag or file.
  Status Start();
  // Blocks until Stop (OK) or until the Lease is lost (an error).
  Status Run();
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace navigator::controller
