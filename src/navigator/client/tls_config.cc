#include "navigator/client/tls_config.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>

#include "navigator/http/openssl_ptr.h"

namespace navigator::client {
namespace {

namespace ssl = boost::asio::ssl;

std::string OpenSslError() {
  const unsigned long error = ERR_peek_last_error();
  std::string out = error == 0                                  ? "unknown error"
                    : ERR_reason_error_string(error) != nullptr ? ERR_reason_error_string(error)
                                                                : "unknown error";
  ERR_clear_error();
  return out;
}

// Adds every certificate of `pem` to `store`; at least one must be there.
Status AddCertificates(X509_STORE* store, const std::string& pem) {
  openssl::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Internal("certificate authority: out of memory");
  int count = 0;
  ERR_clear_error();
  while (true) {
    openssl::CertPtr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    if (X509_STORE_add_cert(store, cert.get()) != 1) {
      // A duplicate certificate in the bundle is harmless.
      ERR_clear_error();
    }
    ++count;
  }
  const unsigned long error = ERR_peek_last_error();
  const bool clean_end =
      ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE;
  if (error != 0 && !(clean_end && count > 0)) {
    return BadRequest(
        count == 0 ? "certificate authority: no PEM certificate found"
                   : fmt::format("certificate authority: PEM certificate {} is malformed: {}",
                                 count + 1, OpenSslError()));
  }
  ERR_clear_error();
  if (count == 0) return BadRequest("certificate authority: no PEM certificate found");
  return OkStatus();
}

}  // namespace

Result<std::shared_ptr<ssl::context>> NewTlsContext(const RestConfig& config) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  SSL_CTX* ctx = context->native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  boost::system::error_code ec;
  if (config.insecure_skip_tls_verify) {
    context->set_verify_mode(ssl::verify_none);
  } else {
    context->set_verify_mode(ssl::verify_peer);
    if (config.certificate_authority_pem.empty()) {
      context->set_default_verify_paths(ec);
      if (ec) return Internal("loading the system's trust store: " + ec.message());
    } else {
      NAVIGATOR_RETURN_IF_ERROR(
          AddCertificates(SSL_CTX_get_cert_store(ctx), config.certificate_authority_pem));
    }
  }
  const bool has_cert = !config.client_certificate_pem.empty();
  const bool has_key = !config.client_key_pem.empty();
  if (has_cert != has_key) {
    return BadRequest(has_cert ? "a client certificate needs its client key"
                               : "a client key needs its client certificate");
  }
  if (has_cert) {
    context->use_certificate_chain(boost::asio::buffer(config.client_certificate_pem), ec);
    if (ec) return BadRequest("client certificate: not a PEM certificate: " + ec.message());
    context->use_private_key(boost::asio::buffer(config.client_key_pem), ssl::context::pem, ec);
    if (ec) {
      ERR_clear_error();
      return BadRequest(
          "client key: not a PEM private key, or it does not match the client "
          "certificate: " +
          ec.message());
    }
    if (SSL_CTX_check_private_key(ctx) != 1) {
      ERR_clear_error();
      return BadRequest("client key does not match the client certificate");
    }
  }
  return context;
}

Status PrepareTlsConnection(SSL* ssl, const RestConfig& config, const ServerUrl& url) {
  const std::string& name = config.tls_server_name.empty() ? url.host : config.tls_server_name;
  boost::system::error_code ec;
  boost::asio::ip::make_address(name, ec);
  const bool is_ip = !ec;
  if (!is_ip && SSL_set_tlsext_host_name(ssl, name.c_str()) != 1) {
    ERR_clear_error();
    return BadRequest(fmt::format("server name \"{}\" cannot be sent in SNI", name));
  }
  if (config.insecure_skip_tls_verify) return OkStatus();
  if (is_ip) {
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str()) != 1) {
      ERR_clear_error();
      return BadRequest(fmt::format("server name \"{}\" is not a usable IP address", name));
    }
  } else {
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (SSL_set1_host(ssl, name.c_str()) != 1) {
      ERR_clear_error();
      return BadRequest(fmt::format("server name \"{}\" is not a usable host name", name));
    }
  }
  return OkStatus();
}

std::string DescribeTlsFailure(SSL* ssl, const std::string& fallback) {
  const long result = SSL_get_verify_result(ssl);
  if (result != X509_V_OK) {
    return fmt::format("TLS handshake: certificate verify failed: {}",
                       X509_verify_cert_error_string(result));
  }
  return "TLS handshake: " + fallback;
}

}  // namespace navigator::client
