#include "navigator/http/testing/tls_client.h"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <deque>
#include <functional>

namespace navigator::http::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

Status Failed(std::string_view what, const error_code& ec) {
  return Internal(std::string(what) + ": " + ec.message());
}

}  // namespace

std::string_view ClientResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(),
                   [](char a, char b) { return AsciiLower(a) == AsciiLower(b); })) {
      return value;
    }
  }
  return {};
}

class TlsClient::Impl {
 public:
  using Parser = bhttp::response_parser<bhttp::string_body>;

  explicit Impl(TlsClientOptions options) : options_(std::move(options)) {}

  Status Connect(const std::string& host, uint16_t port) {
    error_code ec;
    const asio::ip::address address = asio::ip::make_address(host, ec);
    if (ec) return Failed("parsing " + host, ec);
    SSL_CTX* ctx = tls_.native_handle();
    if (options_.max_tls_version != 0) {
      if (options_.max_tls_version < TLS1_2_VERSION) SSL_CTX_set_security_level(ctx, 0);
      SSL_CTX_set_max_proto_version(ctx, options_.max_tls_version);
      SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0");
    }
    if (options_.min_tls_version != 0) SSL_CTX_set_min_proto_version(ctx, options_.min_tls_version);
    if (!options_.ca_file.empty()) {
      tls_.load_verify_file(options_.ca_file, ec);
      if (ec) return Failed("loading " + options_.ca_file, ec);
      tls_.set_verify_mode(asio::ssl::verify_peer);
      tls_.set_verify_callback(asio::ssl::host_name_verification(options_.verify_host));
    } else {
      tls_.set_verify_mode(asio::ssl::verify_none);
    }
    if (!options_.client_cert_file.empty()) {
      tls_.use_certificate_chain_file(options_.client_cert_file, ec);
      if (ec) return Failed("loading " + options_.client_cert_file, ec);
      tls_.use_private_key_file(options_.client_key_file, asio::ssl::context::pem, ec);
      if (ec) return Failed("loading " + options_.client_key_file, ec);
    }
    stream_.emplace(ioc_, tls_);
    if (!options_.verify_host.empty()) {
      error_code ignored;
      asio::ip::make_address(options_.verify_host, ignored);
      if (ignored) SSL_set_tlsext_host_name(stream_->native_handle(), options_.verify_host.c_str());
    }
    ec = Run(options_.timeout, [&](auto handler) {
      beast::get_lowest_layer(*stream_).async_connect(asio::ip::tcp::endpoint(address, port),
                                                      handler);
    });
    if (ec) return Failed("connecting", ec);
    ec = Run(options_.timeout, [&](auto handler) {
      stream_->async_handshake(asio::ssl::stream_base::client, handler);
    });
    if (ec) return Failed("TLS handshake", ec);
    return OkStatus();
  }

  Status WriteRaw(std::string_view bytes) {
    const error_code ec = Run(options_.timeout, [&](auto handler) {
      asio::async_write(*stream_, asio::buffer(bytes.data(), bytes.size()), handler);
    });
    return ec ? Failed("writing", ec) : OkStatus();
  }

  Status WriteRequest(bhttp::request<bhttp::string_body>& request) {
    const error_code ec = Run(
        options_.timeout, [&](auto handler) { bhttp::async_write(*stream_, request, handler); });
    return ec ? Failed("writing the request", ec) : OkStatus();
  }

  Result<ClientResponse> ReadResponse(bool head) {
    StartParser(head);
    const error_code ec = Run(options_.timeout, [&](auto handler) {
      bhttp::async_read(*stream_, buffer_, *parser_, handler);
    });
    if (ec) return Failed("reading the response", ec);
    ClientResponse response = HeaderOf(parser_->get());
    if (parser_->chunked()) {
      response.chunks.assign(chunks_.begin(), chunks_.end());
      for (const std::string& chunk : chunks_) response.body += chunk;
    } else {
      response.body = parser_->get().body();
    }
    chunks_.clear();
    return response;
  }

  Result<ClientResponse> ReadResponseHeader() {
    StartParser(false);
    const error_code ec = Run(options_.timeout, [&](auto handler) {
      bhttp::async_read_header(*stream_, buffer_, *parser_, handler);
    });
    if (ec) return Failed("reading the response header", ec);
    return HeaderOf(parser_->get());
  }

  Result<std::optional<std::string>> ReadChunk() {
    if (!parser_) return Internal("no response is being read");
    while (chunks_.empty() && !parser_->is_done()) {
      const error_code ec = Run(options_.timeout, [&](auto handler) {
        bhttp::async_read_some(*stream_, buffer_, *parser_, handler);
      });
      if (ec) return Failed("reading a chunk", ec);
    }
    if (chunks_.empty()) return std::optional<std::string>();
    std::string chunk = std::move(chunks_.front());
    chunks_.pop_front();
    return std::optional<std::string>(std::move(chunk));
  }

  bool WaitForClose(std::chrono::milliseconds timeout) {
    buffer_.clear();
    char scratch[4096];
    error_code ec;
    auto& socket = beast::get_lowest_layer(*stream_);
    socket.expires_after(timeout);
    while (!ec) {
      ec = Run(std::nullopt,
               [&](auto handler) { stream_->async_read_some(asio::buffer(scratch), handler); });
    }
    return ec != beast::error::timeout;
  }

  uint16_t local_port() const {
    error_code ec;
    return beast::get_lowest_layer(*stream_).socket().local_endpoint(ec).port();
  }

 private:
  // Starts an operation via `start(handler)` and runs it to completion,
  // bounded by `timeout` (nullopt: by the deadline already set).
  template <typename Start>
  error_code Run(std::optional<std::chrono::milliseconds> timeout, Start start) {
    if (timeout) beast::get_lowest_layer(*stream_).expires_after(*timeout);
    error_code result = asio::error::would_block;
    start([&result](const error_code& ec, auto&&...) { result = ec; });
    ioc_.restart();
    ioc_.run();
    return result;
  }

  void StartParser(bool head) {
    chunks_.clear();
    current_chunk_.clear();
    parser_.emplace();
    parser_->body_limit(boost::none);
    parser_->skip(head);
    on_chunk_ = [this](std::uint64_t remain, beast::string_view body, error_code&) {
      current_chunk_.append(body.data(), body.size());
      if (remain == body.size()) chunks_.push_back(std::exchange(current_chunk_, {}));
      return body.size();
    };
    parser_->on_chunk_body(on_chunk_);
  }

  static ClientResponse HeaderOf(const bhttp::response<bhttp::string_body>& message) {
    ClientResponse response;
    response.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
      response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    return response;
  }

  TlsClientOptions options_;
  asio::io_context ioc_;
  asio::ssl::context tls_{asio::ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream_;
  beast::flat_buffer buffer_;
  std::function<std::size_t(std::uint64_t, beast::string_view, error_code&)> on_chunk_;
  std::optional<Parser> parser_;
  std::string current_chunk_;
  std::deque<std::string> chunks_;
};

TlsClient::TlsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TlsClient::~TlsClient() = default;

Result<std::unique_ptr<TlsClient>> TlsClient::Connect(const std::string& host, uint16_t port,
                                                      TlsClientOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  NAVIGATOR_RETURN_IF_ERROR(impl->Connect(host, port));
  return std::unique_ptr<TlsClient>(new TlsClient(std::move(impl)));
}

Result<ClientResponse> TlsClient::Do(std::string_view method, std::string_view target,
                                     std::string body, const NameValues& headers) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, "localhost");
  for (const auto& [name, value] : headers) request.insert(name, value);
  const bool has_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  request.body() = std::move(body);
  if (has_body) request.prepare_payload();
  NAVIGATOR_RETURN_IF_ERROR(impl_->WriteRequest(request));
  return impl_->ReadResponse(method == "HEAD");
}

Status TlsClient::WriteRaw(std::string_view bytes) {
  return impl_->WriteRaw(bytes);
}

Result<ClientResponse> TlsClient::ReadResponse(bool head) {
  return impl_->ReadResponse(head);
}

Result<ClientResponse> TlsClient::ReadResponseHeader() {
  return impl_->ReadResponseHeader();
}

Result<std::optional<std::string>> TlsClient::ReadChunk() {
  return impl_->ReadChunk();
}

bool TlsClient::WaitForClose(std::chrono::milliseconds timeout) {
  return impl_->WaitForClose(timeout);
}

uint16_t TlsClient::local_port() const {
  return impl_->local_port();
}

}  // namespace navigator::http::testing
