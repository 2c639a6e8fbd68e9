#include "navigator/apiserver/request_metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "navigator/api/navigator/kinds.h"
#include "navigator/apiserver/request_info.h"

namespace navigator::apiserver {
namespace {

constexpr std::string_view kComponent = "apiserver";
constexpr std::string_view kOther = "other";

// kube-apiserver's apiserver_request_duration_seconds buckets.
std::vector<double> RequestDurationBuckets() {
  return {0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2,
          3,     4,     5,    6,   8,   10,  15,  20,  30,  45,   60};
}

// kube-apiserver's apiserver_watch_events_sizes buckets: 1 KiB .. 128 KiB.
std::vector<double> WatchEventSizeBuckets() {
  std::vector<double> buckets;
  for (double b = 1024; b <= 128 * 1024; b *= 2) buckets.push_back(b);
  return buckets;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return AsciiUpper(a) == AsciiUpper(b);
}

// kube-apiserver's validRequestMethods; anything else is "other".
std::string CleanVerb(std::string verb) {
  static constexpr std::array<std::string_view, 14> kValid = {
      "APPLY", "CONNECT", "CREATE", "DELETE", "DELETECOLLECTION", "GET",   "LIST",
      "PATCH", "POST",    "PROXY",  "PUT",    "UPDATE",           "WATCH", "WATCHLIST"};
  if (std::find(kValid.begin(), kValid.end(), verb) == kValid.end()) return std::string(kOther);
  return verb;
}

bool IsWatch(const http::Request& request) {
  const std::string* watch = request.Query("watch");
  return watch != nullptr && (*watch == "1" || EqualsIgnoreCase(*watch, "true"));
}

bool IsServedVersion(std::string_view version) {
  return std::find(api::kServedVersions.begin(), api::kServedVersions.end(), version) !=
         api::kServedVersions.end();
}

bool IsServedResource(const RequestInfo& info) {
  if (!info.is_resource_request || info.malformed || info.api_group != api::kGroup ||
      !IsServedVersion(info.api_version) ||
      (!info.subresource.empty() && info.subresource != "status")) {
    return false;
  }
  return std::any_of(api::kAllResources.begin(), api::kAllResources.end(),
                     [&](const api::ResourceInfo* r) { return r->plural == info.resource; });
}

// `path` without a trailing slash when it is a served non-resource path.
std::optional<std::string> ServedPath(std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  static constexpr std::array<std::string_view, 9> kFixed = {
      "/healthz", "/livez", "/readyz",     "/version",   "/metrics",
      "/api",     "/apis",  "/openapi/v2", "/openapi/v3"};
  if (std::find(kFixed.begin(), kFixed.end(), path) != kFixed.end()) return std::string(path);
  const std::string group_path = fmt::format("/apis/{}", api::kGroup);
  if (path == group_path) return std::string(path);
  for (const std::string_view version : api::kServedVersions) {
    if (path == fmt::format("{}/{}", group_path, version) ||
        path == fmt::format("/openapi/v3{}/{}", group_path, version)) {
      return std::string(path);
    }
  }
  return std::nullopt;
}

std::string VerbOfResourceRequest(const http::Request& request, const RequestInfo& info) {
  const std::string method = AsciiUpper(request.method);
  if (method == "GET" || method == "HEAD") {
    if (IsWatch(request)) return "WATCH";
    return info.name.empty() ? "LIST" : "GET";
  }
  if (method == "PATCH") {
    std::string_view type = request.Header("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    return EqualsIgnoreCase(type, "application/apply-patch+yaml") ? "APPLY" : "PATCH";
  }
  if (method == "DELETE" && info.name.empty()) return "DELETECOLLECTION";
  return CleanVerb(method);
}

// Decrements a long-running gauge exactly once: when released or destroyed.
class LongRunningGuard {
 public:
  explicit LongRunningGuard(metrics::Gauge& gauge) : gauge_(gauge) { gauge_.Inc(); }
  ~LongRunningGuard() { Release(); }
  LongRunningGuard(const LongRunningGuard&) = delete;
  LongRunningGuard& operator=(const LongRunningGuard&) = delete;

  void Release() {
    if (!released_.exchange(true)) gauge_.Dec();
  }

 private:
  metrics::Gauge& gauge_;
  std::atomic<bool> released_{false};
};

// `producer`, counted in `gauge` while it lives and has not finished. Copies
// of the returned function share one guard.
http::StreamProducer TrackLongRunning(http::StreamProducer producer, metrics::Gauge& gauge) {
  auto guard = std::make_shared<LongRunningGuard>(gauge);
  return [producer = std::move(producer), guard](http::ChunkSink& sink) {
    bool more = false;
    try {
      more = producer(sink);
    } catch (...) {
      guard->Release();
      throw;
    }
    if (!more) guard->Release();
    return more;
  };
}

}  // namespace

RequestLabels RequestLabelsFor(const http::Request& request) {
  RequestLabels labels;
  const RequestInfo info = ParseRequestInfo(request.method, request.path);
  if (IsServedResource(info)) {
    labels.verb = VerbOfResourceRequest(request, info);
    labels.group = info.api_group;
    labels.version = info.api_version;
    labels.resource = info.resource;
    labels.subresource = info.subresource;
    labels.scope = (!info.name.empty() || info.verb == "create") ? "resource"
                   : !info.namespace_.empty()                    ? "namespace"
                                                                 : "cluster";
    return labels;
  }
  const std::string method = AsciiUpper(request.method);
  labels.verb = (method == "GET" || method == "HEAD") && IsWatch(request) ? "WATCH"
                : method == "HEAD"                                        ? "GET"
                                                                          : CleanVerb(method);
  labels.subresource = ServedPath(request.path).value_or(std::string(kOther));
  return labels;
}

ApiserverMetrics::ApiserverMetrics(metrics::Registry& registry)
    : ApiserverMetrics(registry, std::string(api::kGroup), std::string(api::kStorageVersion)) {}

ApiserverMetrics::ApiserverMetrics(metrics::Registry& registry, std::string group,
                                   std::string version)
    : requests(registry.Counter(
          "apiserver_request_total",
          "Counter of apiserver requests broken out for each verb, group, "
          "version, resource, scope, component, and HTTP response code.",
          {"verb", "group", "version", "resource", "subresource", "scope", "component", "code"})),
      request_duration(registry.Histogram(
          "apiserver_request_duration_seconds",
          "Response latency distribution in seconds for each verb, group, version, resource, "
          "subresource, scope and component.",
          {"verb", "group", "version", "resource", "subresource", "scope", "component"},
          RequestDurationBuckets())),
      longrunning_requests(registry.Gauge(
          "apiserver_longrunning_requests",
          "Gauge of all active long-running apiserver requests broken out by verb, group, "
          "version, resource, scope and component. Not all requests are tracked this way.",
          {"verb", "group", "version", "resource", "subresource", "scope", "component"})),
      registered_watchers(
          registry.Gauge("apiserver_registered_watchers",
                         "Number of currently registered watchers for a given resources",
                         {"group", "version", "kind"})),
      watch_events(registry.Counter("apiserver_watch_events_total",
                                    "Number of events sent in watch clients",
                                    {"group", "version", "kind"})),
      watch_event_sizes(registry.Histogram("apiserver_watch_events_sizes",
                                           "Watch event size distribution in bytes",
                                           {"group", "version", "kind"}, WatchEventSizeBuckets())),
      group_(std::move(group)),
      version_(std::move(version)) {}

void ApiserverMetrics::RequestDone(const RequestLabels& l, int code, double seconds) {
  const std::string code_text = std::to_string(code);
  requests
      .WithLabels(
          {l.verb, l.group, l.version, l.resource, l.subresource, l.scope, kComponent, code_text})
      .Inc();
  request_duration
      .WithLabels({l.verb, l.group, l.version, l.resource, l.subresource, l.scope, kComponent})
      .Observe(std::max(0.0, seconds));
}

metrics::Gauge& ApiserverMetrics::LongRunning(const RequestLabels& l) {
  return longrunning_requests.WithLabels(
      {l.verb, l.group, l.version, l.resource, l.subresource, l.scope, kComponent});
}

void ApiserverMetrics::WatcherAdded(std::string_view kind) {
  registered_watchers.WithLabels({group_, version_, kind}).Inc();
}

void ApiserverMetrics::WatcherRemoved(std::string_view kind) {
  registered_watchers.WithLabels({group_, version_, kind}).Dec();
}

void ApiserverMetrics::WatchEventSent(std::string_view kind, std::size_t bytes) {
  watch_events.WithLabels({group_, version_, kind}).Inc();
  watch_event_sizes.WithLabels({group_, version_, kind}).Observe(static_cast<double>(bytes));
}

http::Handler InstrumentHandler(http::Handler inner, ApiserverMetrics& metrics,
                                const Clock& clock) {
  return [inner = std::move(inner), &metrics, &clock](const http::Request& request) {
    const RequestLabels labels = RequestLabelsFor(request);
    const Clock::TimePoint start = clock.Now();
    const auto seconds = [&] {
      return std::chrono::duration<double>(clock.Now() - start).count();
    };
    http::Response response;
    try {
      response = inner(request);
    } catch (...) {
      metrics.RequestDone(labels, 500, seconds());
      throw;
    }
    metrics.RequestDone(labels, response.status, seconds());
    if (response.stream) {
      response.stream = TrackLongRunning(std::move(response.stream), metrics.LongRunning(labels));
    }
    return response;
  };
}

http::Response MetricsResponse(const metrics::Registry& registry) {
  http::Response response;
  response.content_type = std::string(metrics::kTextContentType);
  response.body = registry.Render();
  return response;
}

}  // namespace navigator::apiserver
