#pragma once

// A client of one Kubernetes API server: JSON requests and streamed watches,
// with kube-apiserver's error bodies (metav1.Status) decoded into Status.
//
// This is the first slice of Navigator's Kubernetes client library (the
// issue "C++ Kubernetes client and controller runtime" grows it: typed
// access, QPS limits, retries, informers). Code that talks to Kubernetes
// takes a RestClient& so tests can hand it a fake (client/testing).
//
// Threading: every method is thread-safe; requests from several threads run
// concurrently over a pool of keep-alive connections.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "navigator/base/result.h"
#include "navigator/client/rest_config.h"

namespace navigator::client {

struct RestRequest {
  std::string method = "GET";
  // Absolute path with an already-encoded query, e.g.
  // "/api/v1/namespaces/kube-system/configmaps?fieldSelector=metadata.name%3Dx".
  std::string path;
  std::string body;  // sent when non-empty (or for POST/PUT/PATCH)
  std::string content_type = "application/json";
  // The Accept header, e.g. aggregated discovery's
  // "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json".
  std::string accept = "application/json";
};

class RestClient {
 public:
  virtual ~RestClient() = default;

  // Sends `request` and returns the response body of a 2xx answer. Errors:
  // - the server's answer when it is not 2xx: its metav1.Status decoded
  //   (code from `code`/HTTP status, message, reason, details) or, when the
  //   body is no Status, the HTTP status mapped to its StatusCode with the
  //   body's first bytes as the message;
  // - kServiceUnavailable naming the server and the cause when it cannot be
  //   reached (refused, TLS failure, reset), kTimeout when it does not answer
  //   within the configured timeout.
  virtual Result<std::string> Do(const RestRequest& request) = 0;

  // GETs `path` (a watch: "...?watch=true&resourceVersion=N&...") and calls
  // `on_line` with each newline-delimited line of the chunked body as it
  // arrives, until on_line returns false, the server ends the stream (OK),
  // or `*cancel` becomes true (OK; checked at least once a second, so a
  // cancelled Stream returns within about a second). Errors as for Do, for a
  // non-2xx answer or a broken connection before the server ended the body.
  // Precondition: `cancel` outlives the call.
  virtual Status Stream(std::string_view path,
                        const std::function<bool(std::string_view line)>& on_line,
                        const std::atomic<bool>& cancel) = 0;
};

// A RestClient over HTTPS (Boost.Beast, OpenSSL) for `config`. Fails with
// kBadRequest naming the problem when the config is unusable (no server, an
// http:// URL, a certificate or key that does not parse, a key that does not
// match its certificate, a token file that cannot be read).
Result<std::unique_ptr<RestClient>> NewRestClient(RestConfig config);

}  // namespace navigator::client
