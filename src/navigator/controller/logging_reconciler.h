#pragma once

// The placeholder reconciler navigator-controller runs until the
// Elasticsearch and Cassandra controllers land: it logs what it would act on
// (the object's generation and node pools, or that it is gone), so the
// runtime around it -- informers, queue, leader election -- is exercised end
// to end.
//
// Threading: Reconcile is called from worker threads; the store is
// thread-safe.

#include <string>

#include "navigator/base/status.h"
#include "navigator/client/object_store.h"

namespace navigator::controller {

class LoggingReconciler {
 public:
  // `store` (the primary informer's) must outlive the reconciler.
  LoggingReconciler(std::string kind, const client::ObjectStore& store)
      : kind_(std::move(kind)), store_(store) {}

  Status operator()(const std::string& key) const;

  // The line logged for `key` (for tests).
  std::string Describe(const std::string& key) const;

 private:
  std::string kind_;
  const client::ObjectStore& store_;
};

}  // namespace navigator::controller
