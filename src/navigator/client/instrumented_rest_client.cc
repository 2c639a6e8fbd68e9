#include "navigator/client/instrumented_rest_client.h"

namespace navigator::client {

std::string RequestCodeLabel(const Status& status) {
  if (status.ok()) return "200";
  // A client-side failure to reach the server carries no HTTP answer; the
  // transport reports those as kServiceUnavailable/kTimeout with a "cannot
  // reach" message (rest_client.h).
  if ((status.code() == StatusCode::kServiceUnavailable || status.code() == StatusCode::kTimeout) &&
      status.message().rfind("cannot reach", 0) == 0) {
    return "<error>";
  }
  return std::to_string(HttpStatus(status.code()));
}

InstrumentedRestClient::InstrumentedRestClient(RestClient& inner, metrics::Registry& registry,
                                               const Clock& clock, std::string host)
    : inner_(inner),
      clock_(clock),
      host_(std::move(host)),
      requests_(registry.Counter("rest_client_requests_total",
                                 "Number of HTTP requests, partitioned by status code, method, "
                                 "and host.",
                                 {"code", "method", "host"})),
      duration_(registry.Histogram("rest_client_request_duration_seconds",
                                   "Request latency in seconds. Broken down by verb and host.",
                                   {"verb", "host"},
                                   {0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60})) {}

void InstrumentedRestClient::Observe(std::string_view method, const Status& status,
                                     Clock::TimePoint start) {
  const std::string code = RequestCodeLabel(status);
  requests_.WithLabels({code, method, host_}).Inc();
  duration_.WithLabels({method, host_})
      .Observe(std::chrono::duration<double>(clock_.Now() - start).count());
}

Result<std::string> InstrumentedRestClient::Do(const RestRequest& request) {
  const auto start = clock_.Now();
  auto result = inner_.Do(request);
  Observe(request.method, result.ok() ? OkStatus() : result.status(), start);
  return result;
}

Status InstrumentedRestClient::Stream(std::string_view path,
                                      const std::function<bool(std::string_view line)>& on_line,
                                      const std::atomic<bool>& cancel) {
  const auto start = clock_.Now();
  Status s = inner_.Stream(path, on_line, cancel);
  Observe("WATCH", s, start);
  return s;
}

}  // namespace navigator::client
