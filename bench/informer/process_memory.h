#pragma once

// Memory of the calling process, for the informer benchmark.
//
// Threading: thread-safe.

#include <cstdint>

namespace navigator::bench {

// VmRSS from /proc/self/status in bytes; 0 when it cannot be read.
int64_t ResidentSetBytes();

// Bytes malloc has handed out and not yet got back, over all arenas
// (glibc's mallinfo2: uordblks + hblkhd). 0 under allocators that do not
// report it (e.g. AddressSanitizer's).
int64_t HeapInUseBytes();

}  // namespace navigator::bench
