#pragma once

// The TLS side of a RestConfig: the OpenSSL context shared by all of a
// client's connections, and the per-connection server name settings.

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "navigator/base/result.h"
#include "navigator/client/rest_config.h"
#include "navigator/client/server_url.h"

namespace navigator::client {

// A TLS 1.2+ client context: the server certificate must chain to
// config.certificate_authority_pem (the system's trust store when empty)
// unless config.insecure_skip_tls_verify; the client certificate and key when
// configured. Errors (kBadRequest): a CA bundle with no certificate or a
// malformed one, a certificate without its key (or the reverse), a
// certificate or key that does not parse, a key that does not match.
// The context is immutable afterwards and may be shared across threads.
Result<std::shared_ptr<boost::asio::ssl::context>> NewTlsContext(const RestConfig& config);

// Sets up one connection's SSL before its handshake: the name to verify
// (config.tls_server_name, else the URL host; an IP address is checked
// against the certificate's IP SANs) and SNI for DNS names.
Status PrepareTlsConnection(SSL* ssl, const RestConfig& config, const ServerUrl& url);

// Why a handshake on `ssl` failed, for error messages: the verification
// error when there was one (e.g. "certificate verify failed: hostname
// mismatch"), else `fallback`.
std::string DescribeTlsFailure(SSL* ssl, const std::string& fallback);

}  // namespace navigator::client
