#pragma once

// Retries of failed requests, after client-go's rest.Request (withRetry, at
// most 10 retries):
//
// - an answer 429 or 5xx that carries Retry-After (metav1.Status
//   details.retryAfterSeconds or the header; StatusFromResponse fills
//   details.retry_after_seconds from either) is retried whatever the method:
//   the server says it did not act on the request;
// - a GET answered 429 or 503 without Retry-After (an overloaded or
//   unavailable server) is retried too: reading twice is harmless (client-go
//   leaves these to the caller; the issue asks for them);
// - a connection error (no answer: the transport's "cannot reach" errors) is
//   retried for GET at any stage, and for any other method only when the
//   request was certainly not sent (resolving, connecting or the TLS
//   handshake failed or timed out): a write whose bytes may have reached the
//   server is never sent twice. Failed certificate verification is never
//   retried (it will not heal), nor are timeouts waiting for an answer.
//
// Each retry waits max(Retry-After, exponential backoff with jitter); errors
// of the last attempt are returned unchanged. Streams pass through (their
// callers, reflectors, resume by themselves).
//
// Ownership and threading: `inner`, `clock`, `sleeper` and `random` must
// outlive the decorator; thread-safe as the inner client is.

#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/client/backoff.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/sleeper.h"

namespace navigator::client {

struct RetryOptions {
  int max_retries = 10;  // client-go's default; 0 turns retries off
  // Waits without Retry-After: 200 ms doubling to 5 s (jittered), so the ten
  // retries span about half a minute -- a kube-apiserver restart.
  BackoffOptions backoff{.initial = std::chrono::milliseconds(200),
                         .cap = std::chrono::milliseconds(5'000),
                         .factor = 2.0,
                         .reset_after = std::chrono::milliseconds(120'000)};
  // A Retry-After longer than this is cut to it (a confused server must not
  // park the client for hours).
  std::chrono::seconds max_retry_after{60};
};

// How a failed attempt may be retried.
enum class RetryClass {
  kNever,          // a final answer (4xx, 5xx without Retry-After, ...)
  kAnswerRetry,    // 429/5xx with Retry-After: the server did not act on it
  kReadRetry,      // retry only a GET (429/503 without Retry-After)
  kNotSent,        // connection error before any byte of the request left
  kMaybeReceived,  // connection error after the request may have arrived
};

// Classifies a RestClient::Do error (see the contract in rest_client.h and
// the transport's error wording in https_connection.cc / https_rest_client.cc).
RetryClass ClassifyFailure(const Status& status);

// Whether a request with `method` that failed as `status` may be retried.
bool ShouldRetry(std::string_view method, const Status& status);

class RetryingRestClient final : public RestClient {
 public:
  RetryingRestClient(RestClient& inner, RetryOptions options, const Clock& clock, Sleeper& sleeper,
                     Random& random);

  // Do with retries. After Stop(), waits end at once and the last error is
  // returned.
  Result<std::string> Do(const RestRequest& request) override;
  Status Stream(std::string_view path, const std::function<bool(std::string_view line)>& on_line,
                const std::atomic<bool>& cancel) override {
    return inner_.Stream(path, on_line, cancel);
  }

  // Cuts every current and future wait short. Idempotent.
  void Stop() { stop_.Stop(); }

 private:
  RestClient& inner_;
  const RetryOptions options_;
  const Clock& clock_;
  Sleeper& sleeper_;
  Random& random_;
  StopSignal stop_;
};

}  // namespace navigator::client
