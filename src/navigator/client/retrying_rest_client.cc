#include "navigator/client/retrying_rest_client.h"

#include <algorithm>

namespace navigator::client {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// The steps of opening a connection, before any byte of a request is sent
// (https_connection.cc: "resolving <host>", "connecting", "TLS handshake").
bool BeforeSending(std::string_view message) {
  return Contains(message, ": resolving ") || Contains(message, ": connecting") ||
         Contains(message, ": TLS handshake") || Contains(message, " has no address");
}

}  // namespace

RetryClass ClassifyFailure(const Status& status) {
  const std::string_view message = status.message();
  // No answer came: the transport's own errors.
  if (status.code() == StatusCode::kServiceUnavailable && StartsWith(message, "cannot reach ")) {
    if (Contains(message, "certificate verify failed")) return RetryClass::kNever;
    return BeforeSending(message) ? RetryClass::kNotSent : RetryClass::kMaybeReceived;
  }
  if (status.code() == StatusCode::kTimeout && Contains(message, " timed out after ") &&
      BeforeSending(message)) {
    return RetryClass::kNotSent;  // connect or handshake timed out
  }
  if (status.code() == StatusCode::kTimeout && Contains(message, " did not answer within ")) {
    return RetryClass::kNever;  // the request went out; its answer is late
  }
  // An answer.
  const int http = HttpStatus(status.code());
  const bool overload = http == 429 || (http >= 500 && http <= 599);
  if (overload && status.details().retry_after_seconds > 0) return RetryClass::kAnswerRetry;
  if (status.code() == StatusCode::kTooManyRequests ||
      status.code() == StatusCode::kServiceUnavailable) {
    return RetryClass::kReadRetry;
  }
  return RetryClass::kNever;
}

bool ShouldRetry(std::string_view method, const Status& status) {
  const bool read = method == "GET" || method == "HEAD";
  switch (ClassifyFailure(status)) {
    case RetryClass::kAnswerRetry:
    case RetryClass::kNotSent:
      return true;
    case RetryClass::kReadRetry:
    case RetryClass::kMaybeReceived:
      return read;
    case RetryClass::kNever:
      return false;
  }
  return false;
}

RetryingRestClient::RetryingRestClient(RestClient& inner, RetryOptions options, const Clock& clock,
                                       Sleeper& sleeper, Random& random)
    : inner_(inner), options_(options), clock_(clock), sleeper_(sleeper), random_(random) {}

Result<std::string> RetryingRestClient::Do(const RestRequest& request) {
  Backoff backoff(options_.backoff, clock_, random_);
  for (int attempt = 0;; ++attempt) {
    Result<std::string> result = inner_.Do(request);
    if (result.ok() || attempt >= options_.max_retries || stop_.stopped() ||
        !ShouldRetry(request.method, result.status())) {
      return result;
    }
    std::chrono::nanoseconds wait = backoff.Next();
    const std::chrono::seconds retry_after =
        std::min(std::chrono::seconds(result.status().details().retry_after_seconds),
                 options_.max_retry_after);
    wait = std::max<std::chrono::nanoseconds>(wait, retry_after);
    if (!sleeper_.Sleep(wait, stop_)) return result;
  }
}

}  // namespace navigator::client
