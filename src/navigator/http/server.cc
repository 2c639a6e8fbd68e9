#include "navigator/http/server.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "navigator/http/connection.h"
#include "navigator/http/wire.h"

namespace navigator::http {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using internal::Connection;

// TLS 1.2 suites (TLS 1.3 ones are OpenSSL's defaults): forward-secret AEADs,
// as Go's crypto/tls defaults.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// How long Stop() waits for connections to wind down before it stops the I/O
// threads regardless.
constexpr auto kStopGrace = std::chrono::seconds(10);
// Back-off after a failed accept (e.g. out of file descriptors).
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(50);

// Selects "http/1.1" when the client offers it; no ALPN otherwise.
int SelectAlpn(SSL*, const unsigned char** out, unsigned char* out_len, const unsigned char* in,
               unsigned int in_len, void*) {
  static const unsigned char kHttp11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, out_len, kHttp11, sizeof(kHttp11), in, in_len) ==
      OPENSSL_NPN_NEGOTIATED) {
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

// Replaces OpenSSL's verification of the client's certificate chain during
// the handshake: the chain is kept, unverified, for the authenticators.
int AcceptAnyClientCertificate(X509_STORE_CTX*, void*) {
  return 1;
}

constexpr unsigned char kSessionIdContext[] = "navigator-apiserver";

std::string SslErrorText(const error_code& ec) {
  std::string text = ec.message();
  if (const unsigned long err = ERR_get_error(); err != 0) {
    char buffer[256];
    ERR_error_string_n(err, buffer, sizeof(buffer));
    text = buffer;
  }
  ERR_clear_error();
  return text;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler handler, ErrorResponder error_response)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        error_response_(std::move(error_response)),
        ioc_(std::max(1, options_.io_threads)),
        acceptor_(asio::make_strand(ioc_)),
        accept_gate_(acceptor_.get_executor()) {
    serving_.options = &options_;
    serving_.handler = &handler_;
    serving_.error_response = &error_response_;
    serving_.tls = &tls_;
    serving_.stopping = &stopping_;
    serving_.on_finished = [this](Connection* connection) {
      OnConnectionFinished(connection);
    };
  }

  ~Impl() { Stop(); }

  Status Start();
  void Stop();
  uint16_t port() const { return port_; }

 private:
  Status ConfigureTls();
  Status Listen();
  asio::awaitable<void> AcceptLoop();
  bool AtConnectionCap();
  void OnConnectionFinished(Connection* connection);
  void RunIo();

  const ServerOptions options_;
  const Handler handler_;
  const ErrorResponder error_response_;
  asio::ssl::context tls_{asio::ssl::context::tls_server};
  std::atomic<bool> stopping_{false};
  internal::ServingContext serving_;

  std::mutex mu_;
  std::condition_variable cv_;
  // Connections whose coroutine has not finished. Guarded by mu_.
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
  bool accept_loop_running_ = false;  // guarded by mu_

  // Used by the controlling thread only.
  bool started_ = false;
  bool stopped_ = false;
  uint16_t port_ = 0;
  std::string listen_address_;

  // Declared last-but-threads so that they are destroyed before the state
  // their pending handlers refer to.
  std::optional<asio::thread_pool> workers_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;          // used on its strand
  asio::steady_timer accept_gate_;  // on the acceptor's strand
  std::vector<std::thread> io_threads_;
};

Status Server::Impl::Start() {
  if (started_ || stopped_) return Internal("the HTTPS server was already started");
  NAVIGATOR_RETURN_IF_ERROR(ConfigureTls());
  NAVIGATOR_RETURN_IF_ERROR(Listen());
  started_ = true;
  workers_.emplace(static_cast<std::size_t>(std::max(1, options_.worker_threads)));
  serving_.workers = &*workers_;
  {
    std::lock_guard lock(mu_);
    accept_loop_running_ = true;
  }
  asio::co_spawn(acceptor_.get_executor(), AcceptLoop(), asio::detached);
  for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
    io_threads_.emplace_back([this] { RunIo(); });
  }
  spdlog::info("Serving securely on {}", listen_address_);
  return OkStatus();
}

Status Server::Impl::ConfigureTls() {
  if (options_.cert_file.empty() || options_.key_file.empty()) {
    return BadRequest("the HTTPS server needs a certificate file and a key file");
  }
  SSL_CTX* ctx = tls_.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_SINGLE_ECDH_USE);
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1) {
    return Internal("configuring TLS cipher suites: " + SslErrorText({}));
  }
  SSL_CTX_set_alpn_select_cb(ctx, SelectAlpn, nullptr);
  // Ask every client for a certificate, require none, and never fail the
  // handshake over one: no verification happens here. Each authenticator
  // verifies Request::peer_certificates_der against its own CA pool (client
  // CA, front-proxy CA), which may also change while connections are open.
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_cert_verify_callback(ctx, AcceptAnyClientCertificate, nullptr);
  // Resuming a session is refused unless a session id context is set once
  // client certificates are requested.
  if (SSL_CTX_set_session_id_context(ctx, kSessionIdContext, sizeof(kSessionIdContext) - 1) != 1) {
    return Internal("configuring the TLS session id context: " + SslErrorText({}));
  }

  error_code ec;
  tls_.use_certificate_chain_file(options_.cert_file, ec);
  if (ec) {
    return BadRequest(
        fmt::format("loading certificate {}: {}", options_.cert_file, SslErrorText(ec)));
  }
  tls_.use_private_key_file(options_.key_file, asio::ssl::context::pem, ec);
  if (ec) {
    return BadRequest(fmt::format("loading key {}: {}", options_.key_file, SslErrorText(ec)));
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    return BadRequest(
        fmt::format("key {} does not match certificate {}", options_.key_file, options_.cert_file));
  }
  return OkStatus();
}

Status Server::Impl::Listen() {
  error_code ec;
  const asio::ip::address address = asio::ip::make_address(options_.bind_address, ec);
  if (ec) return BadRequest(fmt::format("invalid bind address \"{}\"", options_.bind_address));
  const tcp::endpoint endpoint(address, options_.port);
  const auto fail = [&](const char* what) {
    error_code ignored;
    acceptor_.close(ignored);
    return Internal(
        fmt::format("{} tcp {}: {}", what, internal::FormatEndpoint(endpoint), ec.message()));
  };
  if (acceptor_.open(endpoint.protocol(), ec)) return fail("listen");
  if (acceptor_.set_option(tcp::acceptor::reuse_address(true), ec)) return fail("listen");
  if (acceptor_.bind(endpoint, ec)) return fail("bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec)) return fail("listen");
  const tcp::endpoint local = acceptor_.local_endpoint(ec);
  if (ec) return fail("listen");
  port_ = local.port();
  listen_address_ = internal::FormatEndpoint(local);
  return OkStatus();
}

bool Server::Impl::AtConnectionCap() {
  std::lock_guard lock(mu_);
  return options_.max_connections != 0 && connections_.size() >= options_.max_connections;
}

asio::awaitable<void> Server::Impl::AcceptLoop() {
  try {
    while (!stopping_) {
      error_code ec;
      // At the cap, stop accepting: new connections wait in the kernel's
      // backlog. OnConnectionFinished and Stop cancel the gate.
      if (AtConnectionCap()) {
        accept_gate_.expires_at(asio::steady_timer::time_point::max());
        co_await accept_gate_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      tcp::socket socket = co_await acceptor_.async_accept(
          asio::make_strand(ioc_), asio::redirect_error(asio::use_awaitable, ec));
      if (stopping_) break;
      if (ec) {
        spdlog::warn("HTTPS server: accept failed: {}", ec.message());
        accept_gate_.expires_after(kAcceptRetryDelay);
        co_await accept_gate_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      // As Go's net/http (kube-apiserver): no Nagle delay. A response's last
      // partial TLS record must not wait for the client's delayed ACK (40 ms).
      socket.set_option(tcp::no_delay(true), ec);
      auto connection = std::make_shared<Connection>(serving_, std::move(socket));
      {
        std::lock_guard lock(mu_);
        if (stopping_) break;
        connections_.emplace(connection.get(), connection);
      }
      asio::co_spawn(connection->executor(), Connection::Run(connection), asio::detached);
    }
  } catch (const std::exception& e) {
    spdlog::error("HTTPS server: accept loop failed: {}", e.what());
  }
  std::lock_guard lock(mu_);
  accept_loop_running_ = false;
  cv_.notify_all();
}

void Server::Impl::OnConnectionFinished(Connection* connection) {
  {
    std::lock_guard lock(mu_);
    connections_.erase(connection);
    cv_.notify_all();
  }
  asio::post(acceptor_.get_executor(), [this] { accept_gate_.cancel(); });
}

void Server::Impl::RunIo() {
  for (;;) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("HTTPS server: I/O thread: {}", e.what());
    }
  }
}

void Server::Impl::Stop() {
  if (!started_ || stopped_) return;
  stopped_ = true;
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (const auto& [raw, weak] : connections_) {
      if (auto connection = weak.lock()) open.push_back(std::move(connection));
    }
  }
  asio::post(acceptor_.get_executor(), [this] {
    error_code ignored;
    acceptor_.close(ignored);
    accept_gate_.cancel();
  });
  for (const auto& connection : open) connection->Close();
  open.clear();
  {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, kStopGrace,
                      [&] { return connections_.empty() && !accept_loop_running_; })) {
      spdlog::warn("HTTPS server: {} connections still busy after {}s; stopping anyway",
                   connections_.size(), kStopGrace.count());
    }
  }
  ioc_.stop();
  for (std::thread& thread : io_threads_) thread.join();
  io_threads_.clear();
  workers_->join();
  spdlog::info("Stopped serving on {}", listen_address_);
}

Server::Server(ServerOptions options, Handler handler, ErrorResponder error_response)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler),
                                   std::move(error_response))) {}

Server::~Server() {
  Stop();
}

Status Server::Start() {
  return impl_->Start();
}

void Server::Stop() {
  impl_->Stop();
}

uint16_t Server::port() const {
  return impl_->port();
}

}  // namespace navigator::http
