#pragma once

// The transport-neutral view of one HTTP request and its response, as the
// HTTP(S) server hands it to a Handler. Nothing here knows about Kubernetes.

#include <atomic>
#include <functional>
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

  // The first header named `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  // The first query parameter named `name`, or nullptr when absent.
  const std::string* Query(std::string_view name) const;
};

// Where a streaming response's producer writes its body. Every Write becomes
// one chunk of a chunked transfer-encoded body. Thread-safe. The server owns
// the sink; a producer uses it only during its own call.
class ChunkSink {
 public:
  // Queues `data` as one chunk; the server sends the queued chunks when the
  // producer call returns. Returns false, dropping `data`, once the sink is
  // closed. Empty data is ignored (an empty chunk would end the body).
  bool Write(std::string data);

  // True once the client went away, a write failed or the server is stopping.
  // A producer that sees it should return promptly; its result is ignored.
  bool closed() const { return closed_.load(std::memory_order_acquire); }

  // Closes the sink. Called by the server; tests may call it.
  void Close() { closed_.store(true, std::memory_order_release); }

  // Removes and returns the queued chunks, oldest first. Called by the server
  // between producer calls, and by tests of producers.
  std::vector<std::string> TakePending();

 private:
  std::mutex mu_;
  std::vector<std::string> pending_;  // guarded by mu_
  std::atomic<bool> closed_{false};
};

// Produces a streamed body. Called repeatedly, one call at a time, on a worker
// thread: each call writes zero or more pieces to the sink and returns true to
// be called again, or false when the body is complete. A call should block for
// a bounded time only (say up to a second, e.g. waiting for the next watch
// event): between calls the server flushes the pieces, notices a departed
// client and honours Stop(), which waits for the running call. Must not throw.
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
};

// Produces the response to one request. Runs on one of the server's worker
// threads (never on an I/O thread), so it may block. Must not throw.
using Handler = std::function<Response(const Request&)>;

}  // namespace navigator::http
