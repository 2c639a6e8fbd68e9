#pragma once

// A blocking HTTPS/1.1 client for tests (Beast over OpenSSL): one connection,
// every operation bounded by a time-out. Not thread-safe; use one per thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"
#include "navigator/http/request.h"

namespace navigator::http::testing {

struct ClientResponse {
  int status = 0;
  NameValues headers;
  std::string body;                 // the whole body (chunks concatenated)
  std::vector<std::string> chunks;  // the body's chunks, when chunk-encoded

  // The first header named `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
};

struct TlsClientOptions {
  // When set, the server certificate must chain to this PEM file and cover
  // verify_host (a DNS name or an IP address).
  std::string ca_file;
  std::string verify_host;
  // When set, the client presents this PEM certificate chain (leaf first) and
  // its PEM private key when the server asks for a client certificate.
  std::string client_cert_file;
  std::string client_key_file;
  // The TLS version range (OpenSSL constants such as TLS1_1_VERSION); 0 is
  // OpenSSL's default. A maximum below TLS 1.2 also lowers the security level.
  int min_tls_version = 0;
  int max_tls_version = 0;
  std::chrono::milliseconds timeout{10000};  // per operation
};

class TlsClient {
 public:
  // Connects to host:port (host is an IP address) and completes the TLS
  // handshake. Errors carry the failing step and the OpenSSL/Asio message.
  static Result<std::unique_ptr<TlsClient>> Connect(const std::string& host, uint16_t port,
                                                    TlsClientOptions options = {});
  ~TlsClient();
  TlsClient(const TlsClient&) = delete;
  TlsClient& operator=(const TlsClient&) = delete;

  // Sends one request (with Content-Length when `body` is not empty or the
  // method is POST/PUT/PATCH) and reads its whole response.
  Result<ClientResponse> Do(std::string_view method, std::string_view target, std::string body = {},
                            const NameValues& headers = {});

  // Writes `bytes` as they are, encrypted.
  Status WriteRaw(std::string_view bytes);

  // Reads one whole response; `head` for the response to a HEAD request.
  Result<ClientResponse> ReadResponse(bool head = false);

  // Streaming: reads the status line and headers only, then the body chunk by
  // chunk with ReadChunk (nullopt once the body has ended).
  Result<ClientResponse> ReadResponseHeader();
  Result<std::optional<std::string>> ReadChunk();

  // True when the server closes the connection (close_notify, EOF or reset)
  // within `timeout`; anything received before is discarded.
  bool WaitForClose(std::chrono::milliseconds timeout);

  // The connection's local port, which the server sees in remote_address.
  uint16_t local_port() const;

 private:
  class Impl;
  explicit TlsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace navigator::http::testing
