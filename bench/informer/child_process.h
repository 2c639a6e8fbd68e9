#pragma once

// ChildProcess: a program the benchmark runs (the measured informer client),
// with its stdout read line by line and its stderr shared with ours. It gets
// SIGKILL when the thread that spawned it dies, so a crashed benchmark leaves
// nothing behind.
//
// Threading: not thread-safe; one thread drives a ChildProcess. Spawn it
// before starting other threads that could fork.

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::bench {

class ChildProcess {
 public:
  // Runs argv[0] (a path) with `argv`. kBadRequest when argv is empty,
  // kInternal when the pipe or fork fails; a program that cannot be executed
  // exits with status 127.
  static Result<std::unique_ptr<ChildProcess>> Spawn(const std::vector<std::string>& argv);
  // Kills (SIGKILL) and reaps the child if it still runs.
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line of the child's stdout, without its '\n'. kTimeout when
  // none is complete within `timeout`; kServiceUnavailable when the child
  // closed its stdout first (it exited).
  Result<std::string> ReadLine(std::chrono::milliseconds timeout);

  // Waits up to `timeout` for the child to exit, then kills it. Returns its
  // exit status, or 128 + the signal that ended it.
  int Wait(std::chrono::milliseconds timeout);

 private:
  ChildProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}

  pid_t pid_;
  int stdout_fd_;
  std::string buffer_;  // read but not yet returned
  bool eof_ = false;
};

}  // namespace navigator::bench
