#pragma once

// An HTTPS/1.1 server on Boost.Beast, Asio and OpenSSL.
//
// Contract:
// - Keep-alive connections; one request at a time per connection.
// - Every input is bounded: request header bytes, body bytes, idle time
//   between requests, time to read a request, and the number of open
//   connections. A request over a bound is answered by `error_response`
//   (413 for a body too large, 431 -> 400 for headers too large, 408 -> 504 for
//   read time-outs are all Kubernetes-style Status bodies), the connection is
//   closed, and the server keeps serving everybody else. Malformed HTTP gets a
//   400 and a close; a client that sends nothing or fails the TLS handshake is
//   simply closed.
// - TLS 1.2 or newer only; ALPN offers "http/1.1" only.
// - Client certificates are requested, never required, and never checked in
//   the handshake: any chain is accepted and handed, unverified, to handlers
//   as Request::peer_certificates_der (authentication verifies it).
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
  uint16_t port = 6443;   // 0 picks a free port; see Server::port()
  std::string cert_file;  // PEM certificate chain (required)
  std::string key_file;   // PEM private key (required)

  std::size_t max_body_bytes = 3 * 1024 * 1024;  // Kubernetes' 3 MiB
  std::size_t max_header_bytes = 1024 * 1024;    // request line + headers
  // Between requests on a kept-alive connection, until the next one's first byte.
  std::chrono::seconds idle_timeout{90};
  // One whole request, header and body, from its first byte (for the first
  // request of a connection: from the end of the TLS handshake). Over it, the
  // client gets a 504 if it had sent anything, and the connection is closed.
  std::chrono::seconds read_timeout{60};
  // Writing one response (one chunk when streaming); over it, the connection is closed.
  std::chrono::seconds write_timeout{60};
  std::chrono::seconds handshake_timeout{10};
  // Beyond it, new connections wait in the kernel's accept backlog (they are
  // not accepted, so not closed) until an open one ends. 0 means no limit.
  std::size_t max_connections = 2000;
  int io_threads = 1;
  int worker_threads = 16;
  // A response that is not streamed and has a body of at least gzip_min_bytes
  // is sent gzip-compressed (Content-Encoding: gzip, Vary: Accept-Encoding) to
  // clients whose Accept-Encoding allows gzip, as kube-apiserver does; see
  // MaybeGzipResponse in gzip.h. Compression runs on the worker thread.
  bool gzip_responses = true;
  std::size_t gzip_min_bytes = 128 * 1024;
};

// Renders a non-OK Status raised by the transport itself (limits, time-outs,
// malformed HTTP, a malformed escape in the target, a throwing handler) into a
// response. Called on an I/O thread, so it must be quick; must not throw. When
// empty, the server answers with a plain-text message.
using ErrorResponder = std::function<Response(const Status&)>;

class Server {
 public:
  // Does not listen yet.
  Server(ServerOptions options, Handler handler, ErrorResponder error_response);
  ~Server();  // Stops.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the certificate, binds, listens and starts the threads. Errors:
  // BadRequest for unreadable certificates or an invalid bind address,
  // kInternal for a port that cannot be bound (the message names the address).
  // Call at most once.
  Status Start();

  // Stops accepting, closes open connections (also those in the middle of a
  // request: a running handler or producer call is waited for, its response
  // dropped), joins all threads. Idempotent; a no-op before Start.
  void Stop();

  // The bound port (useful with port 0). Valid after Start.
  uint16_t port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace navigator::http
