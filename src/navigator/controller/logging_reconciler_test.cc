#include "navigator/controller/logging_reconciler.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace navigator::controller {
namespace {

TEST(LoggingReconcilerTest, DescribesWhatItWouldActOn) {
  client::ObjectStore store;
  ASSERT_TRUE(store
                  .Add(boost::json::parse(R"({"metadata":{"namespace":"team-a","name":"es1",
                      "generation":3,"resourceVersion":"7"},
                      "spec":{"version":"6.8.23","nodePools":[{"name":"data"},{"name":"master"}]}})")
                           .as_object())
                  .ok());
  LoggingReconciler reconciler("ElasticsearchCluster", store);
  EXPECT_EQ(reconciler.Describe("team-a/es1"),
            "ElasticsearchCluster team-a/es1: generation 3, version 6.8.23, 2 node pool(s)");
  EXPECT_EQ(reconciler.Describe("team-a/gone"),
            "ElasticsearchCluster team-a/gone: gone (nothing to do)");
  EXPECT_TRUE(reconciler("team-a/es1").ok());
}

}  // namespace
}  // namespace navigator::controller
