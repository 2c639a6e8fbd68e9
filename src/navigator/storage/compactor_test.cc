#include "navigator/storage/compactor.h"

#include <gtest/gtest.h>

#include "navigator/storage/memory_storage.h"

namespace navigator::storage {
namespace {

TEST(CompactorTest, CompactsToTheRevisionOfThePreviousTick) {
  MemoryStorage storage;
  Compactor compactor(storage);
  ASSERT_TRUE(storage.Create("/k/a", "1").ok());
  ASSERT_TRUE(compactor.Tick().ok());  // records the revision, compacts nothing
  EXPECT_EQ(compactor.last_compacted(), 0);
  const int64_t seen = *storage.CurrentRevision();

  ASSERT_TRUE(storage.Create("/k/b", "2").ok());
  ASSERT_TRUE(compactor.Tick().ok());
  EXPECT_EQ(compactor.last_compacted(), seen);
  // History before `seen` is gone; the interval since is still there.
  EXPECT_EQ(storage.List("/k/", {.revision = seen - 1}).status().code(), StatusCode::kGone);
  EXPECT_TRUE(storage.List("/k/", {.revision = seen}).ok());

  // Nothing written: the next tick compacts to the revision of the last one.
  ASSERT_TRUE(compactor.Tick().ok());
  EXPECT_EQ(compactor.last_compacted(), *storage.CurrentRevision());
  ASSERT_TRUE(compactor.Tick().ok());  // no new revision, no new compaction
}

}  // namespace
}  // namespace navigator::storage
