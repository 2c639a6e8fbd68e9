#pragma once

// One accepted TLS connection of a Server (internal to navigator_http).

#include <array>
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "navigator/http/request.h"
#include "navigator/http/server.h"

namespace navigator::http::internal {

namespace asio = boost::asio;

class Connection;

// What connections share with their Server. Owned by Server::Impl, which
// outlives every connection's coroutine (Stop waits for them).
struct ServingContext {
  const ServerOptions* options = nullptr;
  const Handler* handler = nullptr;
  const ErrorResponder* error_response = nullptr;
  asio::ssl::context* tls = nullptr;
  asio::thread_pool* workers = nullptr;
  const std::atomic<bool>* stopping = nullptr;
  // Called on the connection's strand when its coroutine has finished.
  std::function<void(Connection*)> on_finished;
};

// Serves the requests of one connection, one at a time. All its members are
// used on the strand that executes its socket's handlers, except Close().
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `socket` must be bound to a strand of its own.
  Connection(const ServingContext& context, asio::ip::tcp::socket socket);

  // The coroutine that serves `self` until the peer leaves, a bound is hit or
  // Close() is called; spawn it on executor(). Never throws.
  static asio::awaitable<void> Run(std::shared_ptr<Connection> self);

  asio::any_io_executor executor() { return stream_.get_executor(); }

  // Closes the socket; a running handler or producer call is waited for, its
  // output dropped. Thread-safe.
  void Close();

 private:
  // What happens to the connection after a request.
  enum class Next { kKeepAlive, kGracefulClose, kLingeringClose, kClose };
  // What the deadline timer does when it fires.
  enum class OnExpiry { kCloseSocket, kStopReading };
  using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  asio::awaitable<void> Serve();
  asio::awaitable<Next> ServeOne(bool first);
  asio::awaitable<Next> FailRead(boost::system::error_code ec, const RequestParser& parser,
                                 std::chrono::steady_clock::time_point start);
  asio::awaitable<bool> WriteResponse(Response response, unsigned version, bool keep_alive,
                                      bool head);
  asio::awaitable<int> StreamResponse(Response response, unsigned version, bool head);
  asio::awaitable<void> LingeringClose();
  asio::awaitable<void> GracefulClose();
  void WatchForPeerGone(std::shared_ptr<ChunkSink> sink);

  // Fills peer_certificates_der_ from the completed handshake; once, as
  // renegotiation is off and the chain cannot change on the connection.
  void CapturePeerCertificates();
  Response ErrorResponse(const Status& status) const;
  void LogRequest(std::string_view method, std::string_view target, int status,
                  std::chrono::steady_clock::time_point start) const;

  void Arm(std::chrono::steady_clock::duration timeout, OnExpiry on_expiry);
  void Disarm();
  void CloseNow();

  const ServingContext& context_;
  asio::ssl::stream<asio::ip::tcp::socket> stream_;
  asio::steady_timer deadline_;
  boost::beast::flat_buffer buffer_;
  std::array<char, 16 * 1024> scratch_{};
  std::string peer_;
  std::vector<std::string> peer_certificates_der_;  // see Request::peer_certificates_der
  std::shared_ptr<ChunkSink> sink_;                 // of the response being streamed
  std::uint64_t deadline_generation_ = 0;
  bool timed_out_ = false;
  bool closed_ = false;
};

}  // namespace navigator::http::internal
