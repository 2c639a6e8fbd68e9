#include "navigator/api/navigator/defaults.h"

#include <gtest/gtest.h>

namespace navigator::api {
namespace {

TEST(DefaultsTest, ElasticsearchPoolsAndImages) {
  ElasticsearchCluster c;
  c.spec.node_pools.push_back({.name = "a"});
  c.spec.node_pools.push_back({.name = "b", .replicas = 0});
  c.spec.image = ImageSpec{.repository = "r", .tag = "t"};
  SetDefaults(c);
  EXPECT_EQ(c.spec.config.pilot_image.pull_policy, "IfNotPresent");
  EXPECT_EQ(c.spec.image->pull_policy, "IfNotPresent");
  EXPECT_EQ(c.spec.node_pools[0].replicas, 1);
  EXPECT_EQ(c.spec.node_pools[1].replicas, 0);  // an explicit 0 stays
  EXPECT_FALSE(c.spec.minimum_masters.has_value());
}

TEST(DefaultsTest, CassandraRackFollowsPoolNameAndExplicitValuesStay) {
  CassandraCluster c;
  c.spec.node_pools.push_back({.name = "np1"});
  c.spec.node_pools.push_back({.name = "np2", .rack = "r2", .datacenter = "dc2"});
  c.spec.config.pilot_image.pull_policy = "Always";
  SetDefaults(c);
  EXPECT_EQ(c.spec.node_pools[0].rack, "np1");
  EXPECT_EQ(c.spec.node_pools[0].datacenter, "navigator-default-datacenter");
  EXPECT_EQ(c.spec.node_pools[0].replicas, 1);
  EXPECT_EQ(c.spec.node_pools[1].rack, "r2");
  EXPECT_EQ(c.spec.node_pools[1].datacenter, "dc2");
  EXPECT_EQ(c.spec.config.pilot_image.pull_policy, "Always");
  EXPECT_FALSE(c.spec.image.has_value());
}

TEST(DefaultsTest, AreIdempotent) {
  CassandraCluster c;
  c.spec.node_pools.push_back({.name = "np1"});
  SetDefaults(c);
  CassandraCluster once = c;
  SetDefaults(c);
  EXPECT_EQ(c, once);
}

}  // namespace
}  // namespace navigator::api
