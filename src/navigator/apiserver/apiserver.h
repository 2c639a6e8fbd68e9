#pragma once

// navigator-apiserver as one object: etcd storage, the API handler and the
// HTTPS server, wired from Options. main() only parses flags and runs this.
//
// Threading: Start/Stop from one thread.

#include <memory>

#include "navigator/apiserver/options.h"
#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/base/result.h"

namespace navigator::apiserver {

class ApiServer {
 public:
  ApiServer(Options options, const Clock& clock, Random& random);
  ~ApiServer();

  // Connects to etcd, prepares certificates and starts serving. Errors name
  // what failed (an unreadable certificate, a port in use, bad etcd flags).
  Status Start();
  void Stop();
  uint16_t port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace navigator::apiserver
