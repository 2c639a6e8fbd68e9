#pragma once

// A RestClient decorator that counts requests as client-go's metrics do:
//
//   rest_client_requests_total{code,method,host}
//   rest_client_request_duration_seconds{verb,host}
//
// `code` is the HTTP status for answers (200, 404, ...) and "<error>" when no
// answer came (as client-go). Streams count once, when they end.
//
// Ownership and threading: `inner` and `registry` must outlive the decorator;
// thread-safe as the inner client is.

#include <string>

#include "navigator/base/clock.h"
#include "navigator/client/rest_client.h"
#include "navigator/metrics/registry.h"

namespace navigator::client {

class InstrumentedRestClient final : public RestClient {
 public:
  InstrumentedRestClient(RestClient& inner, metrics::Registry& registry, const Clock& clock,
                         std::string host);

  Result<std::string> Do(const RestRequest& request) override;
  Status Stream(std::string_view path, const std::function<bool(std::string_view line)>& on_line,
                const std::atomic<bool>& cancel) override;

 private:
  void Observe(std::string_view method, const Status& status, Clock::TimePoint start);

  RestClient& inner_;
  const Clock& clock_;
  const std::string host_;
  metrics::CounterVec& requests_;
  metrics::HistogramVec& duration_;
};

// The HTTP status an outcome stands for ("200" for OK, the Status's HTTP code
// for an answer, "<error>" when the server could not be reached).
std::string RequestCodeLabel(const Status& status);

}  // namespace navigator::client
