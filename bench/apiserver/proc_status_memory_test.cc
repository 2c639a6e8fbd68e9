#include "bench/apiserver/proc_status_memory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "bench/apiserver/server_usage.h"

namespace navigator::bench::loadgen {
namespace {

constexpr std::string_view kStatus =
    "Name:\tnavigator-apis\n"
    "State:\tS (sleeping)\n"
    "VmPeak:\t  900000 kB\n"
    "VmHWM:\t   20480 kB\n"
    "VmRSS:\t   10240 kB\n"
    "Threads:\t12\n";

TEST(ProcStatusMemoryTest, ParsesRssAndPeak) {
  Result<ProcStatusMemory> memory = ParseProcStatusMemory(kStatus);
  ASSERT_TRUE(memory.ok()) << memory.status().ToString();
  EXPECT_EQ(memory->rss_bytes, 10240 * 1024);
  EXPECT_EQ(memory->rss_peak_bytes, 20480 * 1024);
}

TEST(ProcStatusMemoryTest, SpacesOrTabsAndNoTrailingNewline) {
  Result<ProcStatusMemory> memory = ParseProcStatusMemory("VmRSS: 1 kB\nVmHWM:\t\t0 kB");
  ASSERT_TRUE(memory.ok()) << memory.status().ToString();
  EXPECT_EQ(memory->rss_bytes, 1024);
  EXPECT_EQ(memory->rss_peak_bytes, 0);
}

void ExpectMalformed(std::string_view text, std::string_view mentions) {
  Result<ProcStatusMemory> memory = ParseProcStatusMemory(text);
  ASSERT_FALSE(memory.ok()) << text;
  EXPECT_EQ(memory.status().code(), StatusCode::kBadRequest);
  EXPECT_NE(memory.status().message().find("/proc/<pid>/status"), std::string::npos);
  EXPECT_NE(memory.status().message().find(mentions), std::string::npos)
      << memory.status().message();
}

TEST(ProcStatusMemoryTest, MalformedFormsAreBadRequestNamingTheLine) {
  ExpectMalformed("", "VmRSS");
  ExpectMalformed("VmRSS:\t1 kB\n", "no VmHWM");
  ExpectMalformed("VmHWM:\t1 kB\n", "no VmRSS");
  ExpectMalformed("VmRSS:\t kB\nVmHWM:\t1 kB\n", "VmRSS");
  ExpectMalformed("VmRSS:\t12\nVmHWM:\t1 kB\n", "VmRSS");
  ExpectMalformed("VmRSS:\t12 MB\nVmHWM:\t1 kB\n", "VmRSS");
  ExpectMalformed("VmRSS:\t-12 kB\nVmHWM:\t1 kB\n", "VmRSS");
  ExpectMalformed("VmRSS:\t1 kB\nVmHWM:\t99999999999999999999 kB\n", "too large");
  ExpectMalformed("VmRSS:\t1 kB\nVmHWM:\t9007199254740993 kB\n", "too large");
  ExpectMalformed(" VmRSS:\t1 kB\nVmHWM:\t1 kB\n", "no VmRSS");
}

TEST(ServerUsageTest, ReadsThisProcess) {
  Result<ServerUsage> usage = ReadServerUsage(getpid());
  ASSERT_TRUE(usage.ok()) << usage.status().ToString();
  EXPECT_GT(usage->rss_bytes, 0);
  EXPECT_GE(usage->rss_peak_bytes, usage->rss_bytes);
  EXPECT_GE(usage->cpu_seconds, 0.0);
}

TEST(ServerUsageTest, NoSuchProcessIsNotFound) {
  Result<ServerUsage> usage = ReadServerUsage(999'999'999);
  ASSERT_FALSE(usage.ok());
  EXPECT_EQ(usage.status().code(), StatusCode::kNotFound);
  EXPECT_NE(usage.status().message().find("--server-pid"), std::string::npos);
}

}  // namespace
}  // namespace navigator::bench::loadgen
