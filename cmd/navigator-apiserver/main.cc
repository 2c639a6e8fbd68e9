// navigator-apiserver: serves navigator.jetstack.io from etcd over HTTPS.

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>

#include "navigator/apiserver/apiserver.h"
#include "navigator/base/logging.h"

int main(int argc, char** argv) {
  navigator::apiserver::Options options;
  CLI::App app{"navigator-apiserver: the Kubernetes API server for navigator.jetstack.io"};
  options.AddFlags(app);
  navigator::NormalizeKlogFlags(argc, argv);
  CLI11_PARSE(app, argc, argv);
  navigator::InitLogging(options.verbosity);

  // Block the stop signals in every thread; this one waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  navigator::DefaultRandom random;
  navigator::apiserver::ApiServer server(options, navigator::SystemClock::Instance(), random);
  if (navigator::Status s = server.Start(); !s.ok()) {
    spdlog::critical("navigator-apiserver failed to start: {}", s.message());
    return 1;
  }
  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("received signal {}, shutting down", signal);
  server.Stop();
  return 0;
}
