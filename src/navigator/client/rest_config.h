#pragma once

// How to reach and authenticate to a Kubernetes API server, as client-go's
// rest.Config: what a kubeconfig (or in-cluster configuration) resolves to.

#include <chrono>
#include <string>

namespace navigator::client {

struct RestConfig {
  // "https://host:port" (an optional path prefix is kept and prepended to
  // every request path). http:// is refused: credentials never go in clear.
  std::string server;
  // PEM CA bundle the server's certificate must chain to. Empty: the system's
  // trust store.
  std::string certificate_authority_pem;
  // Verify nothing about the server's certificate. Only when a kubeconfig
  // says so explicitly.
  bool insecure_skip_tls_verify = false;
  // The name the server certificate must carry (SNI and verification); empty:
  // the host of `server`.
  std::string tls_server_name;

  // Client certificate authentication (both or neither).
  std::string client_certificate_pem;
  std::string client_key_pem;
  // Bearer token authentication; bearer_token_file is re-read when it changes
  // (projected service-account tokens rotate) and wins over bearer_token.
  std::string bearer_token;
  std::string bearer_token_file;

  // The default namespace of the context ("" when the kubeconfig names none).
  std::string namespace_;

  // One request, connect to last byte of the answer (not for Stream).
  std::chrono::milliseconds timeout{30'000};
  std::string user_agent = "navigator";
};

}  // namespace navigator::client
