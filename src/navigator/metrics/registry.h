#pragma once

// Registry: the metric families of one process, rendered for Prometheus.
//
// Families are registered once (usually at start-up) and live as long as the
// registry; their children are created on first use by WithLabels. Values
// computed only when scraped (process CPU and memory, ...) come from
// collectors.
//
// Registering a name again with the same type, label names (and buckets)
// returns the existing family. A conflicting or invalid registration is a
// programming error: it is logged and gets a working family that is never
// rendered, so callers never crash and the output stays valid.
//
// Threading: every method is thread-safe. Collectors run on the thread that
// calls Render, without the registry's lock held.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "navigator/metrics/exposition.h"
#include "navigator/metrics/metric_vec.h"

namespace navigator::metrics {

struct CollectedSample {
  std::vector<std::string> label_values;  // in the order of the family's label names
  double value = 0;
};

// A counter or gauge family computed by a collector at scrape time.
struct CollectedFamily {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;  // kCounter or kGauge
  std::vector<std::string> label_names;
  std::vector<CollectedSample> samples;
};

// Appends the families it computes to `out`. Must not throw. A family whose
// name is registered, was already collected, is invalid or a histogram is
// dropped (and logged); so is a sample with the wrong number of label values.
using Collector = std::function<void(std::vector<CollectedFamily>& out)>;

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  CounterVec& Counter(std::string name, std::string help,
                      std::vector<std::string> label_names = {});
  GaugeVec& Gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  // `buckets`: upper bounds, normalized by NormalizeBuckets (empty: the
  // defaults). The label name "le" is reserved.
  HistogramVec& Histogram(std::string name, std::string help, std::vector<std::string> label_names,
                          std::vector<double> buckets);

  void AddCollector(Collector collector);

  // Every family with at least one child, and every collected family, in the
  // text exposition format 0.0.4 (Content-Type kTextContentType): sorted by
  // name, children by label values. Families with label names but no child
  // yet are left out, like client_golang does.
  std::string Render() const;

 private:
  struct Family;
  template <typename Vec>
  Vec& Register(MetricType type, std::string name, std::string help,
                std::vector<std::string> label_names, std::vector<double> buckets,
                typename Vec::Factory make);
  // The family registered as `name` if it matches; nullptr (and a log line
  // when the name is taken by a different family) otherwise. Requires mu_.
  Family* Find(const std::string& name, MetricType type,
               const std::vector<std::string>& label_names, const std::vector<double>& buckets);
  static bool Validate(const std::string& name, const std::vector<std::string>& label_names,
                       MetricType type);

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Family>> families_;  // guarded by mu_
  std::vector<std::unique_ptr<Family>> detached_;            // guarded by mu_; never rendered
  std::vector<Collector> collectors_;                        // guarded by mu_
};

}  // namespace navigator::metrics
