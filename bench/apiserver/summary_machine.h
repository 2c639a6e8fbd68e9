#pragma once

// The machine a benchmark ran on, as docs/performance.md describes it: CPU
// count, CPU model and memory, from /proc.

#include <cstdint>
#include <string>
#include <string_view>

namespace navigator::bench {

struct MachineInfo {
  int cpus = 0;              // online CPUs
  std::string model;         // /proc/cpuinfo "model name" ("" if absent)
  int64_t memory_bytes = 0;  // /proc/meminfo MemTotal (0 if absent)
};

// From the texts of /proc/cpuinfo and /proc/meminfo. Pure.
MachineInfo ParseMachineInfo(std::string_view cpuinfo, std::string_view meminfo, int cpus);
// Of this machine (reads /proc; missing files give empty fields).
MachineInfo ReadMachineInfo();
// "2 CPUs (Intel(R) Xeon(R) ...), 7.8 GiB RAM".
std::string DescribeMachine(const MachineInfo& machine);

}  // namespace navigator::bench
