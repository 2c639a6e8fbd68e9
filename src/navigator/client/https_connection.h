#pragma once

// One TLS connection of HttpsRestClient, with its own io_context so that the
// thread using it drives its I/O synchronously. Every operation is bounded by
// a deadline and/or a cancel flag.
//
// Threading: used by one thread at a time (the pool hands it over).

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "navigator/base/result.h"
#include "navigator/client/rest_config.h"
#include "navigator/client/server_url.h"

namespace navigator::client {

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

class HttpsConnection {
 public:
  using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

  // Resolves, connects and completes the TLS handshake by `deadline`,
  // giving up early once `*cancel` (when given) is true. Errors: kTimeout past
  // the deadline, kBadRequest for an unusable server name, else
  // kServiceUnavailable "cannot reach <origin>: <cause>" (after a cancel too;
  // callers check the flag).
  static Result<std::unique_ptr<HttpsConnection>> Open(boost::asio::ssl::context& tls,
                                                       const RestConfig& config,
                                                       const ServerUrl& url, Deadline deadline,
                                                       const std::atomic<bool>* cancel);

  HttpsConnection(const HttpsConnection&) = delete;
  HttpsConnection& operator=(const HttpsConnection&) = delete;

  // Starts an operation with `start(handler)` and drives it to completion.
  // Past `deadline` the socket is closed and the result is
  // boost::beast::error::timeout; once `*cancel` (when given) is true, the
  // socket is closed and the result is boost::asio::error::operation_aborted.
  // Either way the connection is unusable afterwards.
  template <typename Start>
  boost::system::error_code Run(Deadline deadline, const std::atomic<bool>* cancel, Start start) {
    boost::system::error_code result = boost::asio::error::would_block;
    bool done = false;
    start([&result, &done](const boost::system::error_code& ec, auto&&...) {
      result = ec;
      done = true;
    });
    return Drive(deadline, cancel, done, result);
  }

  // For reuse from the pool: false when the server closed the connection (or
  // sent something unsolicited) while it was idle.
  bool LooksAlive();

  Stream& stream() { return stream_; }
  boost::beast::flat_buffer& buffer() { return buffer_; }

 private:
  explicit HttpsConnection(boost::asio::ssl::context& tls);
  // Runs the io_context until `done`, enforcing deadline and cancel.
  boost::system::error_code Drive(Deadline deadline, const std::atomic<bool>* cancel,
                                  const bool& done, boost::system::error_code& result);
  void Abort();

  boost::asio::io_context ioc_;
  Stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace navigator::client
