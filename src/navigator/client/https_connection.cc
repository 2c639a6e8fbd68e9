#include "navigator/client/https_connection.h"

#include <fmt/format.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <cerrno>

#include "navigator/client/tls_config.h"

namespace navigator::client {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;
using tcp = asio::ip::tcp;

// How often a running operation looks at its cancel flag.
constexpr std::chrono::milliseconds kPollInterval{100};

Status Unreachable(const ServerUrl& url, std::string_view cause) {
  return Unavailable(fmt::format("cannot reach {}: {}", url.Origin(), cause));
}

}  // namespace

HttpsConnection::HttpsConnection(asio::ssl::context& tls) : stream_(ioc_, tls) {}

void HttpsConnection::Abort() {
  error_code ignored;
  beast::get_lowest_layer(stream_).socket().close(ignored);
}

error_code HttpsConnection::Drive(Deadline deadline, const std::atomic<bool>* cancel,
                                  const bool& done, error_code& result) {
  ioc_.restart();
  std::optional<error_code> aborted;
  while (!done) {
    auto slice = std::chrono::steady_clock::duration(kPollInterval);
    if (deadline && !aborted) {
      const auto left = *deadline - std::chrono::steady_clock::now();
      if (left < slice) slice = left;
    }
    if (slice > slice.zero()) ioc_.run_for(slice);
    if (done || aborted) continue;
    if (cancel != nullptr && cancel->load(std::memory_order_acquire)) {
      aborted = asio::error::operation_aborted;
    } else if (deadline && std::chrono::steady_clock::now() >= *deadline) {
      aborted = beast::error::timeout;
    }
    if (aborted) {
      Abort();
      ioc_.run();  // the aborted operation completes
      break;
    }
  }
  return aborted ? *aborted : result;
}

bool HttpsConnection::LooksAlive() {
  if (buffer_.size() != 0) return false;
  auto& socket = beast::get_lowest_layer(stream_).socket();
  if (!socket.is_open()) return false;
  char byte;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

Result<std::unique_ptr<HttpsConnection>> HttpsConnection::Open(asio::ssl::context& tls,
                                                               const RestConfig& config,
                                                               const ServerUrl& url,
                                                               Deadline deadline,
                                                               const std::atomic<bool>* cancel) {
  std::unique_ptr<HttpsConnection> conn(new HttpsConnection(tls));
  auto failed = [&](std::string_view step, const error_code& ec) -> Status {
    if (ec == beast::error::timeout) {
      return Timeout(
          fmt::format("{}: {} timed out after {} ms", url.Origin(), step, config.timeout.count()));
    }
    return Unreachable(url, fmt::format("{}: {}", step, ec.message()));
  };

  std::vector<tcp::endpoint> endpoints;
  error_code ec;
  const asio::ip::address address = asio::ip::make_address(url.host, ec);
  if (!ec) {
    endpoints.emplace_back(address, url.port);
  } else {
    tcp::resolver resolver(conn->ioc_);
    tcp::resolver::results_type results;
    bool done = false;
    error_code result;
    resolver.async_resolve(url.host, std::to_string(url.port),
                           [&](const error_code& e, tcp::resolver::results_type r) {
                             result = e;
                             results = std::move(r);
                             done = true;
                           });
    // The resolver is not the socket: cancel it by hand.
    conn->ioc_.restart();
    while (!done) {
      conn->ioc_.run_for(kPollInterval);
      if (done) break;
      const bool expired = deadline && std::chrono::steady_clock::now() >= *deadline;
      if (expired || (cancel != nullptr && cancel->load())) {
        resolver.cancel();
        conn->ioc_.run();
        if (expired) result = beast::error::timeout;
        break;
      }
    }
    if (result) return failed(fmt::format("resolving {}", url.host), result);
    for (const auto& entry : results) endpoints.push_back(entry.endpoint());
    if (endpoints.empty()) return Unreachable(url, fmt::format("{} has no address", url.host));
  }

  auto& tcp_stream = beast::get_lowest_layer(conn->stream_);
  ec = conn->Run(deadline, cancel, [&](auto handler) {
    asio::async_connect(tcp_stream.socket(), endpoints,
                        [handler](const error_code& e, const tcp::endpoint&) { handler(e); });
  });
  if (ec) return failed("connecting", ec);
  tcp_stream.socket().set_option(tcp::no_delay(true), ec);
  tcp_stream.socket().set_option(asio::socket_base::keep_alive(true), ec);

  NAVIGATOR_RETURN_IF_ERROR(PrepareTlsConnection(conn->stream_.native_handle(), config, url));
  ec = conn->Run(deadline, cancel, [&](auto handler) {
    conn->stream_.async_handshake(asio::ssl::stream_base::client, handler);
  });
  if (ec) {
    if (ec == beast::error::timeout) return failed("TLS handshake", ec);
    return Unreachable(url, DescribeTlsFailure(conn->stream_.native_handle(), ec.message()));
  }
  return conn;
}

}  // namespace navigator::client
