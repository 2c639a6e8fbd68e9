#pragma once

// The transport-neutral view of one HTTP request and its response, as the
// HTTP(S) server hands it to a Handler. Nothing here knows about Kubernetes.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace navigator::http {

// Header and query names are kept as received; lookups are case-insensitive
// for headers and case-sensitive for query parameters.
using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // the raw request target, e.g. "/apis/x?watch=true"
  std::string path;    // the target's path, percent-decoded
  NameValues query;    // the target's query parameters, percent-decoded, in order
  NameValues headers;
  std::string body;
  std::string remote_address;  // "ip:port" of the peer
  // The certificate chain the client presented in the TLS handshake, DER, leaf
  // first; empty when it presented none. The server asks every client for a
  // certificate but accepts any (expired, self-signed, unknown issuer), so
  // this chain is NOT verified: an authenticator must verify it against its
  // own CA pool before trusting anything in it. The same for every request of
  // a connection.
  std::vector<std::string> peer_certificates_der;

  // The first header named `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  // The first query parameter named `name`, or nullptr when absent.
  const std::string* Query(std::string_view name) const;
};

// Where a streaming response's producer writes its body. Every Write becomes
// one chunk of a chunked transfer-encoded body. Thread-safe. The server owns
// the sink; a producer uses it only during its own call, but may hand out a
// Waker that outlives both.
class ChunkSink {
 public:
  ChunkSink();

  // Queues `data`; when the producer call returns, the server sends
  // everything queued since its last write as one chunk. Returns false, dropping `data`, once the
  // sink is closed. Empty data is ignored (an empty chunk would end the body).
  bool Write(std::string data);

  // True once the client went away, a write failed or the server is stopping.
  // A producer that sees it should return promptly; its result is ignored.
  bool closed() const { return closed_.load(std::memory_order_acquire); }

  // Closes the sink and wakes the server. Called by the server; tests may call it.
  void Close();

  // A callable that asks the server to call the producer again now rather than
  // after the poll interval: for a producer that waits for data arriving on
  // another thread. Thread-safe, cheap, and harmless after the stream ended.
  std::function<void()> Waker() const;

  // Removes and returns the queued chunks, oldest first. Called by the server
  // between producer calls, and by tests of producers.
  std::vector<std::string> TakePending();

  // Server side: `on_wake` runs (on the waking thread) whenever Write, Close
  // or a Waker wakes the sink; TakeWake reports and clears that since the
  // last call.
  void SetWakeHandler(std::function<void()> on_wake);
  bool TakeWake();

 private:
  struct WakeState;
  static void Wake(WakeState& state);

  std::mutex mu_;
  std::vector<std::string> pending_;  // guarded by mu_
  std::atomic<bool> closed_{false};
  std::shared_ptr<WakeState> wake_;
};

// Produces a streamed body. Called one call at a time on a worker thread:
// first right away, then again as soon as the previous call wrote something
// or the sink was woken (ChunkSink::Waker, Close), and otherwise after the
// poll interval (a second). Each call writes zero or more pieces and returns
// true to be called again, or false when the body is complete. A call should
// return promptly -- a call may block briefly, but a blocked call holds one
// of the server's few worker threads, so long-lived streams (watches) should
// not block at all and rely on the Waker instead. Between calls the server
// flushes the pieces, notices a departed client and honours Stop(), which
// waits for the running call. Must not throw.
using StreamProducer = std::function<bool(ChunkSink&)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  NameValues headers;  // extra headers
  std::string body;

  // When set, the response is streamed: status and headers, then `body` (when
  // not empty) and every piece the producer writes, as chunks (HTTP/1.1) or raw
  // bytes up to the connection's end (HTTP/1.0). The connection closes after a
  // streamed response. Not called for HEAD requests.
  StreamProducer stream;
  // The producer never blocks (it only drains a queue and formats): the
  // server then calls it on the connection's I/O thread, saving two thread
  // hand-offs per call. Long-lived streams with many clients (watches) set it.
  bool stream_never_blocks = false;
};

// Produces the response to one request. Runs on one of the server's worker
// threads (never on an I/O thread), so it may block. Must not throw.
using Handler = std::function<Response(const Request&)>;

}  // namespace navigator::http
