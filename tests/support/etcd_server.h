#pragma once

// EtcdServer: a real etcd process for tests, on loopback ports of its own and
// a fresh temporary data directory (removed with the object). The binary is
// $NAVIGATOR_TEST_BIN_DIR/etcd; hack/build-test-binaries.sh builds it.
//
// The process gets SIGKILL if the thread that started it dies, so a crashed
// test leaves no etcd behind. Not thread-safe: one thread drives a server.

#include <sys/types.h>

#include <memory>
#include <string>

#include "navigator/base/result.h"
#include "tests/support/test_certificates.h"

namespace navigator::test_support {

struct EtcdServerOptions {
  // Serve clients over https only, requiring a client certificate signed by
  // the test CA (see certificates()).
  bool tls = false;
};

class EtcdServer {
 public:
  // Starts etcd and waits until it is healthy (up to 30s). Ports that turn out
  // to be taken are replaced and the start retried. Errors explain what went
  // wrong, with the tail of etcd's log.
  static Result<std::unique_ptr<EtcdServer>> Start(EtcdServerOptions options = {});
  // Stops etcd (see Stop) and removes the data directory.
  ~EtcdServer();

  EtcdServer(const EtcdServer&) = delete;
  EtcdServer& operator=(const EtcdServer&) = delete;

  // The client URL: http://127.0.0.1:<port> or https://127.0.0.1:<port>.
  const std::string& endpoint() const { return endpoint_; }
  // TLS mode only: the CA, server and client certificate files.
  const TestCertificates& certificates() const { return certificates_; }
  bool running() const { return pid_ > 0; }

  // SIGTERM, then SIGKILL after 10s; reaps the process. Keeps the data. (etcd
  // takes about 5s to shut down while a client is connected.)
  Status Stop();
  // SIGKILL: a crash. Keeps the data (written without fsync, but in the page
  // cache, which outlives the process).
  Status Kill();
  // Starts etcd again (stopping it first if it runs) on the same data
  // directory and ports; waits until it is healthy.
  Status Restart();

  // The end of etcd's log, for failure messages.
  std::string LogTail(size_t bytes = 4000) const;

 private:
  EtcdServer() = default;
  Status Launch();
  Status WaitHealthy();

  EtcdServerOptions options_;
  std::string binary_;
  std::string dir_;  // temporary directory holding data/, certificates and etcd.log
  int client_port_ = 0;
  int peer_port_ = 0;
  int metrics_port_ = 0;
  std::string endpoint_;
  TestCertificates certificates_;
  pid_t pid_ = -1;
};

// $NAVIGATOR_TEST_BIN_DIR, checked to hold `binary`. The error tells the user
// to run hack/build-test-binaries.sh.
Result<std::string> TestBinary(const std::string& binary);

// A TCP port on 127.0.0.1 that was free a moment ago.
Result<int> PickFreePort();

}  // namespace navigator::test_support
