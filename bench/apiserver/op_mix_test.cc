#include "bench/apiserver/op_mix.h"

#include <gtest/gtest.h>

#include <map>

namespace navigator::bench::loadgen {
namespace {

std::map<OpKind, int> Count(const OpMixSchedule& schedule, int client, int64_t first,
                            int64_t length) {
  std::map<OpKind, int> counts;
  for (int64_t s = first; s < first + length; ++s) ++counts[schedule.Op(client, s)];
  return counts;
}

TEST(OpMixTest, DefaultMixIsTheDocumentedRatio) {
  const OpMixSchedule schedule(DefaultMix());
  ASSERT_EQ(schedule.cycle().size(), 10u);
  const std::map<OpKind, int> want{{OpKind::kGet, 5},
                                   {OpKind::kUpdate, 2},
                                   {OpKind::kCreate, 1},
                                   {OpKind::kUpdateStatus, 1},
                                   {OpKind::kList100, 1}};
  // Any 10 consecutive ops of any client hold exactly the mix.
  for (int client = 0; client < 12; ++client) {
    for (int64_t first : {0, 3, 17, 1001}) {
      EXPECT_EQ(Count(schedule, client, first, 10), want) << client << " " << first;
    }
  }
}

TEST(OpMixTest, OpsAreSpreadOut) {
  const OpMixSchedule schedule(DefaultMix());
  const std::vector<OpKind>& cycle = schedule.cycle();
  for (size_t i = 0; i < cycle.size(); ++i) {
    const OpKind next = cycle[(i + 1) % cycle.size()];
    // Only gets (half of the cycle) may follow themselves, never thrice.
    if (cycle[i] != OpKind::kGet) {
      EXPECT_NE(cycle[i], next) << i;
    }
    const OpKind after = cycle[(i + 2) % cycle.size()];
    EXPECT_FALSE(cycle[i] == OpKind::kGet && next == OpKind::kGet && after == OpKind::kGet) << i;
  }
}

TEST(OpMixTest, ClientsStartAtDifferentOffsets) {
  const OpMixSchedule schedule(DefaultMix());
  std::map<OpKind, int> first_ops;
  for (int client = 0; client < 10; ++client) ++first_ops[schedule.Op(client, 0)];
  EXPECT_EQ(first_ops[OpKind::kGet], 5);
  EXPECT_EQ(first_ops[OpKind::kUpdate], 2);
}

TEST(OpMixTest, CustomWeights) {
  const OpMixSchedule schedule({{OpKind::kCreate, 3}, {OpKind::kGet, 1}});
  EXPECT_EQ(Count(schedule, 0, 0, 4),
            (std::map<OpKind, int>{{OpKind::kCreate, 3}, {OpKind::kGet, 1}}));
  const OpMixSchedule single({{OpKind::kList1000, 2}});
  EXPECT_EQ(single.Op(5, 99), OpKind::kList1000);
}

TEST(OpKindTest, NamesRoundTrip) {
  for (const OpKind op : {OpKind::kCreate, OpKind::kGet, OpKind::kUpdate, OpKind::kUpdateStatus,
                          OpKind::kList100, OpKind::kList1000, OpKind::kMixed, OpKind::kWatch}) {
    EXPECT_EQ(ParseOpName(OpName(op)), op);
    EXPECT_NE(OpNames().find(OpName(op)), std::string_view::npos);
  }
  EXPECT_EQ(ParseOpName("list"), std::nullopt);
  EXPECT_EQ(ParseOpName("Create"), std::nullopt);
  EXPECT_EQ(ListSize(OpKind::kList100), 100);
  EXPECT_EQ(ListSize(OpKind::kList1000), 1000);
  EXPECT_EQ(ListSize(OpKind::kGet), 0);
}

}  // namespace
}  // namespace navigator::bench::loadgen
