#pragma once

// Counter and Gauge: single numeric values updated with atomics.
//
// Threading: every method is thread-safe and lock-free; a value read
// concurrently with updates is one of the values it passed through.

#include <atomic>
#include <cmath>

namespace navigator::metrics {

// A value that only goes up (until the process restarts).
class Counter {
 public:
  void Inc() { Add(1); }
  // Precondition: `v` >= 0. A negative or NaN `v` is ignored.
  void Add(double v) {
    if (!(v >= 0)) return;
    value_.fetch_add(v, std::memory_order_relaxed);
  }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A value that goes up and down.
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Inc() { Add(1); }
  void Dec() { Add(-1); }
  void Add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

}  // namespace navigator::metrics
