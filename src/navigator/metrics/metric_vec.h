#pragma once

// MetricVec<T>: the children of one metric family, one per combination of
// label values (CounterVec, GaugeVec, HistogramVec).
//
// Threading: WithLabels is thread-safe; it takes the vec's mutex to find or
// create the child. The returned reference stays valid as long as the vec
// (that is, the Registry) lives, so hot paths may look a child up once and
// then update it lock-free.

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/metrics/counter.h"
#include "navigator/metrics/histogram.h"

namespace navigator::metrics {

namespace internal {
// `values` as a child's key. A count that differs from `label_count` is a
// programming error: it is logged, and the values are truncated or padded
// with "" rather than aborting.
std::vector<std::string> LabelKey(std::string_view family, std::size_t label_count,
                                  std::span<const std::string_view> values);
}  // namespace internal

template <typename T>
class MetricVec {
 public:
  using Factory = std::function<std::unique_ptr<T>()>;

  // Used by Registry. A vec without label names has exactly one child, which
  // exists from the start.
  MetricVec(std::string name, std::vector<std::string> label_names, Factory make)
      : name_(std::move(name)), label_names_(std::move(label_names)), make_(std::move(make)) {
    if (label_names_.empty()) children_.emplace(std::vector<std::string>{}, make_());
  }
  MetricVec(const MetricVec&) = delete;
  MetricVec& operator=(const MetricVec&) = delete;

  // The child for `values`, given in the order of the label names.
  T& WithLabels(std::initializer_list<std::string_view> values) {
    return WithLabels(std::span<const std::string_view>(values.begin(), values.size()));
  }
  T& WithLabels(std::span<const std::string_view> values) {
    std::vector<std::string> key = internal::LabelKey(name_, label_names_.size(), values);
    std::lock_guard lock(mu_);
    auto it = children_.find(key);
    if (it == children_.end()) it = children_.emplace(std::move(key), make_()).first;
    return *it->second;
  }

  const std::string& name() const { return name_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Calls f(label_values, child) for every child, ordered by label values,
  // with the vec's mutex held (f must not call WithLabels on this vec).
  template <typename F>
  void ForEach(F&& f) const {
    std::lock_guard lock(mu_);
    for (const auto& [values, child] : children_) f(values, *child);
  }

 private:
  const std::string name_;
  const std::vector<std::string> label_names_;
  const Factory make_;
  mutable std::mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> children_;  // guarded by mu_
};

using CounterVec = MetricVec<Counter>;
using GaugeVec = MetricVec<Gauge>;
using HistogramVec = MetricVec<Histogram>;

}  // namespace navigator::metrics
