#include "navigator/http/connection.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "navigator/base/logging.h"
#include "navigator/http/gzip.h"
#include "navigator/http/target.h"
#include "navigator/http/wire.h"

namespace navigator::http::internal {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using std::chrono::steady_clock;

// After an error response while the client may still be sending: how long,
// and how many bytes, to read and discard so that closing does not reset the
// connection before the client has read the response.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kMaxLingerBytes = 16 * 1024 * 1024;
// How long to wait for the peer's close_notify on a graceful close.
constexpr auto kShutdownTime = std::chrono::seconds(1);
// Deadlines beyond this are clamped (steady_clock arithmetic must not overflow).
constexpr auto kMaxTimeout = std::chrono::hours(24 * 365);
// A connection's read buffer is released between requests when larger.
constexpr std::size_t kMaxIdleBufferBytes = 128 * 1024;

auto Redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

// The peer went away or TLS failed: there is nobody to answer.
bool IsDisconnect(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::eof || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::bad_descriptor || ec == asio::ssl::error::stream_truncated ||
         ec.category() == asio::error::get_ssl_category();
}

// Runs on a worker thread, so does the response's compression. An exception
// becomes nullopt (answered with a 500).
asio::awaitable<std::optional<Response>> InvokeHandler(const Handler& handler,
                                                       const Request& request,
                                                       const ServerOptions& options) {
  std::optional<Response> response;
  try {
    response = handler(request);
    if (options.gzip_responses) MaybeGzipResponse(request, options.gzip_min_bytes, *response);
  } catch (const std::exception& e) {
    spdlog::error("HTTP handler for {} \"{}\" threw: {}", request.method,
                  EscapeForLog(request.target), e.what());
  } catch (...) {
    spdlog::error("HTTP handler for {} \"{}\" threw", request.method, EscapeForLog(request.target));
  }
  co_return response;
}

}  // namespace

Connection::Connection(const ServingContext& context, tcp::socket socket)
    : context_(context),
      stream_(std::move(socket), *context.tls),
      deadline_(stream_.get_executor()) {
  error_code ec;
  const tcp::endpoint peer = stream_.next_layer().remote_endpoint(ec);
  peer_ = ec ? std::string("unknown") : FormatEndpoint(peer);
}

asio::awaitable<void> Connection::Run(std::shared_ptr<Connection> self) {
  try {
    co_await self->Serve();
  } catch (const std::exception& e) {
    spdlog::warn("HTTP connection from {}: {}", self->peer_, e.what());
  } catch (...) {
    spdlog::warn("HTTP connection from {}: unknown exception", self->peer_);
  }
  self->CloseNow();
  if (self->context_.on_finished) self->context_.on_finished(self.get());
}

void Connection::Close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] { self->CloseNow(); });
}

void Connection::CloseNow() {
  if (closed_) return;
  closed_ = true;
  Disarm();
  if (sink_) sink_->Close();
  error_code ignored;
  stream_.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.next_layer().close(ignored);
}

void Connection::Arm(steady_clock::duration timeout, OnExpiry on_expiry) {
  timed_out_ = false;
  const std::uint64_t generation = ++deadline_generation_;
  deadline_.expires_after(std::min<steady_clock::duration>(timeout, kMaxTimeout));
  deadline_.async_wait([self = shared_from_this(), generation, on_expiry](const error_code& ec) {
    if (ec || generation != self->deadline_generation_ || self->closed_) return;
    self->timed_out_ = true;
    // Shutting the socket down (not just cancelling) also fails any read a
    // composed operation starts after this point. kStopReading keeps the
    // write side open for an error response.
    tcp::socket& socket = self->stream_.next_layer();
    error_code ignored;
    socket.shutdown(on_expiry == OnExpiry::kStopReading ? tcp::socket::shutdown_receive
                                                        : tcp::socket::shutdown_both,
                    ignored);
    socket.cancel(ignored);
  });
}

void Connection::Disarm() {
  ++deadline_generation_;
  deadline_.cancel();
}

asio::awaitable<void> Connection::Serve() {
  const ServerOptions& options = *context_.options;
  error_code ec;
  Arm(options.handshake_timeout, OnExpiry::kCloseSocket);
  co_await stream_.async_handshake(asio::ssl::stream_base::server, Redirect(ec));
  Disarm();
  if (ec || closed_) {
    if (!closed_ && VLogEnabled(4)) {
      spdlog::debug("HTTP: TLS handshake with {} failed: {}", peer_, ec.message());
    }
    co_return;
  }
  CapturePeerCertificates();
  bool first = true;
  while (!closed_) {
    const Next next = co_await ServeOne(first);
    first = false;
    if (next == Next::kKeepAlive) continue;
    if (next == Next::kGracefulClose) {
      co_await GracefulClose();
    } else if (next == Next::kLingeringClose) {
      co_await LingeringClose();
    }
    co_return;
  }
}

asio::awaitable<Connection::Next> Connection::ServeOne(bool first) {
  const ServerOptions& options = *context_.options;
  error_code ec;
  // A large header grew the buffer; do not keep that memory while idle.
  if (buffer_.size() == 0 && buffer_.capacity() > kMaxIdleBufferBytes) buffer_.shrink_to_fit();
  // Between requests: wait for the next one's first byte. The first request
  // is bounded by read_timeout alone, from the end of the handshake.
  if (!first && buffer_.size() == 0) {
    Arm(options.idle_timeout, OnExpiry::kCloseSocket);
    const std::size_t n =
        co_await stream_.async_read_some(buffer_.prepare(scratch_.size()), Redirect(ec));
    Disarm();
    if (ec || closed_) co_return Next::kClose;
    buffer_.commit(n);
  }

  const auto start = steady_clock::now();
  RequestParser parser;
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser.body_limit(static_cast<std::uint64_t>(options.max_body_bytes));
  Arm(options.read_timeout, OnExpiry::kStopReading);
  // A declared Content-Length over the limit fails here, before any body byte.
  co_await bhttp::async_read_header(stream_, buffer_, parser, Redirect(ec));
  if (!ec && !parser.is_done()) {
    if (parser.get().version() >= 11 &&
        beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      co_await asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                                 Redirect(ec));
    }
    if (!ec) co_await bhttp::async_read(stream_, buffer_, parser, Redirect(ec));
  }
  Disarm();
  if (ec || closed_) co_return co_await FailRead(ec, parser, start);

  auto message = parser.release();
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = peer_;
  request.peer_certificates_der = peer_certificates_der_;
  const bool head = message.method() == bhttp::verb::head;
  const unsigned version = message.version();
  bool keep_alive = message.keep_alive();

  Response response;
  Result<ParsedTarget> target = ParseTarget(request.target);
  if (!target.ok()) {
    response = ErrorResponse(target.status());
  } else {
    request.path = std::move(target->path);
    request.query = std::move(target->query);
    std::optional<Response> handled = co_await asio::co_spawn(
        *context_.workers, InvokeHandler(*context_.handler, request, options), asio::use_awaitable);
    response =
        handled ? std::move(*handled) : ErrorResponse(Internal("the request handler failed"));
  }
  if (closed_) co_return Next::kClose;
  if (response.status < 200 || response.status > 599) {
    spdlog::error("HTTP handler for {} \"{}\" returned invalid status {}", request.method,
                  EscapeForLog(request.target), response.status);
    response = ErrorResponse(Internal("the request handler returned an invalid status"));
  }
  if (context_.stopping->load()) keep_alive = false;

  if (response.stream) {
    const int status = co_await StreamResponse(std::move(response), version, head);
    LogRequest(request.method, request.target, status, start);
    // Without chunks, only a TLS close_notify marks the body's end.
    co_return version >= 11 ? Next::kClose : Next::kGracefulClose;
  }
  const int status = response.status;
  const bool written = co_await WriteResponse(std::move(response), version, keep_alive, head);
  LogRequest(request.method, request.target, status, start);
  if (!written) co_return Next::kClose;
  co_return keep_alive ? Next::kKeepAlive : Next::kGracefulClose;
}

asio::awaitable<Connection::Next> Connection::FailRead(error_code ec, const RequestParser& parser,
                                                       steady_clock::time_point start) {
  if (closed_) co_return Next::kClose;
  const ServerOptions& options = *context_.options;
  Status status;
  Next next = Next::kLingeringClose;
  if (timed_out_) {
    // Nothing was asked: nobody to answer.
    if (!parser.got_some() && buffer_.size() == 0) co_return Next::kClose;
    status = Timeout("timed out reading the request");
    next = Next::kClose;  // the read side is shut already
  } else if (ec == bhttp::error::body_limit) {
    status = Status(StatusCode::kRequestEntityTooLarge,
                    fmt::format("Request entity too large: limit is {}", options.max_body_bytes));
  } else if (ec == bhttp::error::header_limit) {
    status = BadRequest(fmt::format("request header fields too large: limit is {} bytes",
                                    options.max_header_bytes));
  } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
             !IsDisconnect(ec)) {
    status = BadRequest("malformed HTTP request: " + ec.message());
  } else {
    if (VLogEnabled(4)) spdlog::debug("HTTP: reading from {}: {}", peer_, ec.message());
    co_return Next::kClose;
  }
  const auto& message = parser.get();
  const std::string method(message.method_string());
  const std::string target(message.target());
  Response response = ErrorResponse(status);
  const int code = response.status;
  const bool written =
      co_await WriteResponse(std::move(response), message.version() == 10 ? 10 : 11,
                             /*keep_alive=*/false, /*head=*/false);
  LogRequest(method.empty() ? "-" : method, target, code, start);
  co_return written ? next : Next::kClose;
}

asio::awaitable<bool> Connection::WriteResponse(Response response, unsigned version,
                                                bool keep_alive, bool head) {
  const int status = response.status;
  bhttp::response_header<> header = MakeHeader(response, version);
  error_code ec;
  Arm(context_.options->write_timeout, OnExpiry::kCloseSocket);
  if (head || status == 204 || status == 304) {
    bhttp::response<bhttp::empty_body> message(std::move(header));
    if (head && status != 204 && status != 304) message.content_length(response.body.size());
    message.keep_alive(keep_alive);
    co_await bhttp::async_write(stream_, message, Redirect(ec));
  } else {
    bhttp::response<bhttp::string_body> message(std::move(header), std::move(response.body));
    message.prepare_payload();
    message.keep_alive(keep_alive);
    co_await bhttp::async_write(stream_, message, Redirect(ec));
  }
  Disarm();
  co_return !ec && !closed_;
}

asio::awaitable<void> Connection::LingeringClose() {
  // No close_notify: the response was complete, and the TLS layer may be
  // mid-record after an aborted read. Half-close, then drain raw bytes.
  error_code ec;
  tcp::socket& socket = stream_.next_layer();
  socket.shutdown(tcp::socket::shutdown_send, ec);
  if (ec || closed_) co_return;
  Arm(kLingerTime, OnExpiry::kCloseSocket);
  std::size_t drained = 0;
  while (!ec && !closed_ && drained < kMaxLingerBytes) {
    drained += co_await socket.async_read_some(asio::buffer(scratch_), Redirect(ec));
  }
  Disarm();
}

asio::awaitable<void> Connection::GracefulClose() {
  error_code ec;
  Arm(kShutdownTime, OnExpiry::kCloseSocket);
  co_await stream_.async_shutdown(Redirect(ec));
  Disarm();
}

void Connection::CapturePeerCertificates() {
  SSL* ssl = stream_.native_handle();
  X509* leaf = SSL_get0_peer_certificate(ssl);
  if (leaf == nullptr) return;
  const auto append = [this](X509* cert) {
    const int size = i2d_X509(cert, nullptr);
    if (size <= 0) return false;
    std::string der(static_cast<std::size_t>(size), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    if (i2d_X509(cert, &out) != size) return false;
    peer_certificates_der_.push_back(std::move(der));
    return true;
  };
  if (!append(leaf)) {
    // Unencodable: present nothing rather than a chain without its leaf.
    ERR_clear_error();
    peer_certificates_der_.clear();
    return;
  }
  // On the server side OpenSSL's peer chain normally leaves out the leaf.
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);
  const int count = chain == nullptr ? 0 : sk_X509_num(chain);
  for (int i = 0; i < count; ++i) {
    X509* cert = sk_X509_value(chain, i);
    if (i == 0 && X509_cmp(cert, leaf) == 0) continue;
    if (!append(cert)) ERR_clear_error();
  }
}

Response Connection::ErrorResponse(const Status& status) const {
  const ErrorResponder& responder = *context_.error_response;
  if (responder) {
    try {
      Response response = responder(status);
      if (response.status >= 200 && response.status <= 599) return response;
      spdlog::error("HTTP error responder returned invalid status {}", response.status);
    } catch (const std::exception& e) {
      spdlog::error("HTTP error responder threw: {}", e.what());
    } catch (...) {
      spdlog::error("HTTP error responder threw");
    }
  }
  Response response;
  response.status = HttpStatus(status.code());
  response.content_type = "text/plain; charset=utf-8";
  response.body = status.message() + "\n";
  return response;
}

void Connection::LogRequest(std::string_view method, std::string_view target, int status,
                            steady_clock::time_point start) const {
  if (!VLogEnabled(2)) return;
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - start).count();
  spdlog::debug("\"HTTP\" verb=\"{}\" URI=\"{}\" latency=\"{}.{:03}ms\" resp={} srcIP=\"{}\"",
                EscapeForLog(method), EscapeForLog(target), micros / 1000, micros % 1000, status,
                peer_);
}

}  // namespace navigator::http::internal
