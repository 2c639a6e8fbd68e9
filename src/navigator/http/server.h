#pragma once

// An HTTPS/1.1 server on Boost.Beast, Asio and OpenSSL.
//
// Contract:
// - Keep-alive connections; one request at a time per connection.
// - Every input is bounded: request header bytes, body bytes, idle time
//   between requests, time to read a request, and the number of open
//   connections. A request over a bound is answered by `error_response`
//   (413 for a body too large, 431 -> 400 for headers too large, 408 -> 504 for
//   read time-outs are all Kubernetes-style Status bodies) and the server keeps
//   serving everybody else.
// - Handlers run on a worker pool, never on the I/O threads.
// - One log line per request (method, path, status, latency, peer) at klog
//   level 2 or higher.
//
// Threading: Start/Stop from one controlling thread. The handler is called
// concurrently from worker threads.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "navigator/base/result.h"
#include "navigator/http/request.h"

namespace navigator::http {

struct ServerOptions {
  std::string bind_address = "0.0.0.0";
  uint16_t port = 6443;        // 0 picks a free port; see Server::port()
  std::string cert_file;       // PEM certificate chain (required)
  std::string key_file;        // PEM private key (required)

  std::size_t max_body_bytes = 3 * 1024 * 1024;      // Kubernetes' 3 MiB
  std::size_t max_header_bytes = 1024 * 1024;        // request line + headers
  std::chrono::seconds idle_timeout{90};             // keep-alive idle
  std::chrono::seconds read_timeout{60};             // one whole request
  std::chrono::seconds handshake_timeout{10};
  std::size_t max_connections = 2000;                // beyond it, new accepts wait
  int io_threads = 1;
  int worker_threads = 16;
};

// Renders a non-OK Status raised by the transport itself (limits, time-outs,
// malformed HTTP) into a response body. Called on an I/O or worker thread.
using ErrorResponder = std::function<Response(const Status&)>;

class Server {
 public:
  // Does not listen yet.
  Server(ServerOptions options, Handler handler, ErrorResponder error_response);
  ~Server();  // Stops.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the certificate, binds, listens and starts the threads. Errors:
  // kInvalid-style BadRequest for unreadable certificates, kInternal for a
  // port that cannot be bound (the message names the address).
  Status Start();

  // Stops accepting, closes open connections, joins all threads. Idempotent.
  void Stop();

  // The bound port (useful with port 0). Valid after Start.
  uint16_t port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace navigator::http
