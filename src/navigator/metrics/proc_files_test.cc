#include "navigator/metrics/proc_files.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace navigator::metrics {
namespace {

// proc(5)'s fields 1..52; utime 14 = 250, stime 15 = 50, num_threads 20 = 7,
// starttime 22 = 12345, vsize 23 = 3133440, rss 24 = 364.
constexpr std::string_view kStatTail =
    " R 1310 1310 27602 0 -1 4194304 98 0 0 0 250 50 0 0 20 0 7 0 12345 3133440 364 "
    "18446744073709551615 1 2 3 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 4 5 6 7 8 9 10 0\n";

TEST(ProcFilesTest, ParsesStat) {
  auto stat = ParseProcStat("1312 (navigator-apis)" + std::string(kStatTail));
  ASSERT_TRUE(stat.ok()) << stat.status().ToString();
  EXPECT_EQ(stat->utime_ticks, 250u);
  EXPECT_EQ(stat->stime_ticks, 50u);
  EXPECT_EQ(stat->num_threads, 7);
  EXPECT_EQ(stat->starttime_ticks, 12345u);
  EXPECT_EQ(stat->vsize_bytes, 3133440u);
  EXPECT_EQ(stat->rss_pages, 364);
}

TEST(ProcFilesTest, StatCommMayHoldSpacesAndParentheses) {
  auto stat = ParseProcStat("7 (a) b (c) d)" + std::string(kStatTail));
  ASSERT_TRUE(stat.ok()) << stat.status().ToString();
  EXPECT_EQ(stat->utime_ticks, 250u);
}

TEST(ProcFilesTest, RejectsMalformedStat) {
  for (const std::string& text :
       {std::string(""), std::string("1 comm R 1 2 3"),
        std::string("1 ) ( R") + std::string(kStatTail), std::string("1 (x) R 1 2 3 4 5"),
        std::string("1 (x)") + std::string(kStatTail).replace(41, 3, "2x0"),
        std::string("1 (x)") + std::string(kStatTail).replace(41, 3, "-10")}) {
    auto stat = ParseProcStat(text);
    ASSERT_FALSE(stat.ok()) << text;
    EXPECT_EQ(stat.status().code(), StatusCode::kBadRequest);
    EXPECT_NE(stat.status().message().find("/proc/self/stat"), std::string::npos);
  }
}

TEST(ProcFilesTest, ParsesBootTime) {
  auto boot = ParseBootTime("cpu  1 2 3\nintr 5\nbtime 1795665360\nprocesses 9\n");
  ASSERT_TRUE(boot.ok()) << boot.status().ToString();
  EXPECT_EQ(*boot, 1795665360u);
  EXPECT_FALSE(ParseBootTime("cpu 1\n").ok());
  EXPECT_FALSE(ParseBootTime("btime\n").ok());
  EXPECT_FALSE(ParseBootTime("btime x\n").ok());
  EXPECT_FALSE(ParseBootTime("btimes 5\n").ok());
  EXPECT_EQ(ParseBootTime("btime -1\n").status().code(), StatusCode::kBadRequest);
}

TEST(ProcFilesTest, ParsesThreads) {
  auto threads = ParseStatusThreads("Name:\tx\nState:\tS\nThreads:\t17\nVmRSS:\t1 kB\n");
  ASSERT_TRUE(threads.ok()) << threads.status().ToString();
  EXPECT_EQ(*threads, 17);
  EXPECT_FALSE(ParseStatusThreads("Name:\tx\n").ok());
  EXPECT_FALSE(ParseStatusThreads("Threads:\t\n").ok());
  EXPECT_FALSE(ParseStatusThreads("Threads:\t-2\n").ok());
  EXPECT_FALSE(ParseStatusThreads("Threads:\t2 3\n").ok());
}

constexpr std::string_view kLimits =
    "Limit                     Soft Limit           Hard Limit           Units     \n"
    "Max cpu time              unlimited            unlimited            seconds   \n"
    "Max open files            1024                 1048576              files     \n"
    "Max address space         unlimited            unlimited            bytes     \n";

TEST(ProcFilesTest, ParsesSoftLimits) {
  auto files = ParseSoftLimit(kLimits, "Max open files");
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(*files, 1024);
  auto address = ParseSoftLimit(kLimits, "Max address space");
  ASSERT_TRUE(address.ok()) << address.status().ToString();
  EXPECT_EQ(*address, static_cast<double>(std::numeric_limits<uint64_t>::max()));
  EXPECT_FALSE(ParseSoftLimit(kLimits, "Max processes").ok());
  EXPECT_FALSE(ParseSoftLimit("Max open files\n", "Max open files").ok());
  EXPECT_FALSE(ParseSoftLimit("Max open files   many  x files\n", "Max open files").ok());
  EXPECT_EQ(ParseSoftLimit("", "Max open files").status().code(), StatusCode::kBadRequest);
}

}  // namespace
}  // namespace navigator::metrics
