#pragma once

// Child processes of test fixtures (etcd, kube-apiserver): started with their
// output in a log file and killed if the test process dies, stopped politely
// then firmly, and always reaped.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::test_support {

// Starts args[0] with `args`, stdout and stderr going to `log_path` (emptied
// first, so the log is this start's only), no inherited descriptor above 2,
// and SIGKILL when the thread that started it dies. Precondition: args is not
// empty.
Result<pid_t> SpawnLogged(std::vector<std::string> args, const std::string& log_path);

// SIGTERM, up to `grace` for it to exit, then SIGKILL; reaps it. No-op for
// pid <= 0.
void TerminateChild(pid_t pid, std::chrono::seconds grace);

// SIGKILL and reap. No-op for pid <= 0.
void KillChild(pid_t pid);

}  // namespace navigator::test_support
