// navigator-controller: realises Navigator's clusters in Kubernetes.

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "navigator/base/logging.h"
#include "navigator/controller/controller_manager.h"

int main(int argc, char** argv) {
  navigator::controller::Options options;
  CLI::App app{"navigator-controller: the operator for navigator.jetstack.io clusters"};
  options.AddFlags(app);
  navigator::NormalizeKlogFlags(argc, argv);
  CLI11_PARSE(app, argc, argv);
  navigator::InitLogging(options.verbosity, options.log_format);

  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  navigator::DefaultRandom random;
  navigator::controller::ControllerManager manager(options, navigator::SystemClock::Instance(),
                                                   random);
  if (navigator::Status s = manager.Start(); !s.ok()) {
    spdlog::critical("navigator-controller failed to start: {}", s.message());
    return 1;
  }
  std::thread signals([&manager, &stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    spdlog::info("received signal {}, shutting down", signal);
    manager.Stop();
  });
  navigator::Status result = manager.Run();
  if (!result.ok()) {
    spdlog::critical("{}", result.message());
    // The election could not be set up: exit now; the signal thread is
    // still waiting.
    std::_Exit(1);
  }
  signals.join();
  return 0;
}
