#include "navigator/metrics/process_collector.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace navigator::metrics {
namespace {

namespace fs = std::filesystem;

class ProcessCollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(::testing::TempDir()) / "fake_proc_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    fs::create_directories(root_ / "self" / "fd");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void Write(const fs::path& relative, std::string_view text) {
    std::ofstream out(root_ / relative, std::ios::binary);
    out << text;
  }
  std::string Render() { return RenderFrom(root_); }
  static std::string RenderFrom(const fs::path& root) {
    Registry registry;
    RegisterProcessCollector(
        registry, {.proc_root = root.string(), .ticks_per_second = 100, .page_size = 4096});
    return registry.Render();
  }

  fs::path root_;
};

TEST_F(ProcessCollectorTest, ReadsTheFakeProcDirectory) {
  // utime 250 + stime 50 ticks = 3 s; starttime 12345 ticks = 123.45 s after
  // boot; vsize 3133440; rss 364 pages.
  Write("self/stat",
        "42 (navigator apiserver) S 1 42 42 0 -1 4194304 98 0 0 0 250 50 0 0 20 0 7 0 12345 "
        "3133440 364 18446744073709551615 1 2 3 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 4 5 6 7 8 9 10 "
        "0\n");
  Write("stat", "cpu  1 2 3 4\nbtime 1700000000\n");
  Write("self/status", "Name:\tnavigator\nThreads:\t9\n");
  Write("self/limits",
        "Limit                     Soft Limit           Hard Limit           Units     \n"
        "Max open files            1024                 1048576              files     \n"
        "Max address space         unlimited            unlimited            bytes     \n");
  for (const char* fd : {"0", "1", "2", "5"}) Write(fs::path("self/fd") / fd, "");

  EXPECT_EQ(Render(),
            "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n"
            "# TYPE process_cpu_seconds_total counter\n"
            "process_cpu_seconds_total 3\n"
            "# HELP process_max_fds Maximum number of open file descriptors.\n"
            "# TYPE process_max_fds gauge\n"
            "process_max_fds 1024\n"
            "# HELP process_open_fds Number of open file descriptors.\n"
            "# TYPE process_open_fds gauge\n"
            "process_open_fds 4\n"
            "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
            "# TYPE process_resident_memory_bytes gauge\n"
            "process_resident_memory_bytes 1490944\n"
            "# HELP process_start_time_seconds Start time of the process since unix epoch in "
            "seconds.\n"
            "# TYPE process_start_time_seconds gauge\n"
            "process_start_time_seconds 1700000123.45\n"
            "# HELP process_threads Number of OS threads in the process.\n"
            "# TYPE process_threads gauge\n"
            "process_threads 9\n"
            "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
            "# TYPE process_virtual_memory_bytes gauge\n"
            "process_virtual_memory_bytes 3133440\n"
            "# HELP process_virtual_memory_max_bytes Maximum amount of virtual memory available "
            "in bytes.\n"
            "# TYPE process_virtual_memory_max_bytes gauge\n"
            "process_virtual_memory_max_bytes 1.8446744073709552e+19\n");
}

TEST_F(ProcessCollectorTest, LeavesOutWhatCannotBeReadOrParsed) {
  Write("self/stat", "garbage");
  Write("self/status", "Threads:\t3\n");
  // No /proc/stat, no limits; the fd directory is empty.
  EXPECT_EQ(Render(),
            "# HELP process_open_fds Number of open file descriptors.\n"
            "# TYPE process_open_fds gauge\n"
            "process_open_fds 0\n"
            "# HELP process_threads Number of OS threads in the process.\n"
            "# TYPE process_threads gauge\n"
            "process_threads 3\n");
}

TEST_F(ProcessCollectorTest, AMissingRootGivesNothing) {
  EXPECT_EQ(RenderFrom(root_ / "missing"), "");
}

TEST(ProcessCollectorRealProcTest, ReadsThisProcess) {
  Registry registry;
  RegisterProcessCollector(registry);
  const std::string text = registry.Render();
  for (const char* name : {"process_cpu_seconds_total ", "process_resident_memory_bytes ",
                           "process_virtual_memory_bytes ", "process_open_fds ", "process_max_fds ",
                           "process_start_time_seconds ", "process_threads "}) {
    EXPECT_NE(text.find(std::string("\n") + name), std::string::npos) << name << "\n" << text;
  }
}

}  // namespace
}  // namespace navigator::metrics
