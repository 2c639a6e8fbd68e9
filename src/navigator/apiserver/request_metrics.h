#pragma once

// kube-apiserver's request and watch metrics for navigator-apiserver:
//
//   apiserver_request_total{verb,group,version,resource,subresource,scope,component,code}
//   apiserver_request_duration_seconds{verb,group,version,resource,subresource,scope,component}
//   apiserver_longrunning_requests{verb,group,version,resource,subresource,scope,component}
//   apiserver_registered_watchers{group,version,kind}
//   apiserver_watch_events_total{group,version,kind}
//   apiserver_watch_events_sizes{group,version,kind}
//
// Labels follow kube-apiserver: verb is GET, LIST, WATCH, POST, PUT, PATCH,
// APPLY, DELETE or DELETECOLLECTION for resource requests and the method for
// the others (HEAD reported as GET/LIST, unknown methods as "other"); scope is
// "resource" (a named object, or a create), "namespace", "cluster" or "" (not
// a resource request); component is "apiserver"; a non-resource request has
// its path in subresource. To keep the label space bounded whatever clients
// send, only served paths keep their own labels: the group's served versions
// and kinds (subresource "" or "status") and the fixed non-resource paths
// (/healthz, /livez, /readyz, /version, /metrics, /api, /apis, discovery and
// OpenAPI documents); any other request is reported with empty group,
// version, resource and scope and subresource "other".
//
// Ownership and threading: the registry must outlive the ApiserverMetrics,
// and both every handler and response stream instrumented with them. All
// methods are thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

#include "navigator/base/clock.h"
#include "navigator/http/request.h"
#include "navigator/metrics/registry.h"

namespace navigator::apiserver {

struct RequestLabels {
  std::string verb;
  std::string group;
  std::string version;
  std::string resource;
  std::string subresource;
  std::string scope;

  bool operator==(const RequestLabels&) const = default;
};

// The labels of `request`, as described above.
RequestLabels RequestLabelsFor(const http::Request& request);

struct ApiserverMetrics {
  // Registers the families. `group` and `version` label the watch metrics.
  explicit ApiserverMetrics(metrics::Registry& registry);
  ApiserverMetrics(metrics::Registry& registry, std::string group, std::string version);

  // Counts one finished request and observes its duration.
  void RequestDone(const RequestLabels& labels, int code, double seconds);
  // The gauge of long-running requests with `labels`.
  metrics::Gauge& LongRunning(const RequestLabels& labels);

  // For the watch code: a watch of `kind` (e.g. "Pilot") started or ended; an
  // event of `bytes` (its serialised size) was sent to a watcher.
  void WatcherAdded(std::string_view kind);
  void WatcherRemoved(std::string_view kind);
  void WatchEventSent(std::string_view kind, std::size_t bytes);

  metrics::CounterVec& requests;
  metrics::HistogramVec& request_duration;
  metrics::GaugeVec& longrunning_requests;
  metrics::GaugeVec& registered_watchers;
  metrics::CounterVec& watch_events;
  metrics::HistogramVec& watch_event_sizes;

 private:
  const std::string group_;
  const std::string version_;
};

// Wraps `inner`: times each call with `clock` and counts it with its status
// code when `inner` returns (for a streamed response too, whose stream then
// counts in apiserver_longrunning_requests until its producer returns false
// or the response is destroyed, whichever comes first). A throwing `inner`
// is counted as a 500 and the exception passed on.
http::Handler InstrumentHandler(http::Handler inner, ApiserverMetrics& metrics, const Clock& clock);

// The response to GET /metrics: `registry` rendered as Prometheus text.
http::Response MetricsResponse(const metrics::Registry& registry);

}  // namespace navigator::apiserver
