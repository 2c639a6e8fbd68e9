// navigator::bench::loadgen::ScanAddedEvent (bench/apiserver: the fan-out
// watchers' scan of an ADDED watch line).
//
// Properties:
//  - it never reads outside the line: a result's name and resourceVersion
//    are non-empty views into the input, without quotes or backslashes;
//  - only lines starting {"type":"ADDED","object":{ are recognised;
//  - a recognised line stays recognised, with the same values, when more
//    text is appended.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/apiserver/watch_line.h"
#include "fuzz_check.h"

using navigator::fuzz::Printable;
namespace loadgen = navigator::bench::loadgen;

namespace {

bool Inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

bool Plain(std::string_view value) {
  return !value.empty() && value.find_first_of("\"\\") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view line = navigator::fuzz::AsText(data, size);
  const auto event = loadgen::ScanAddedEvent(line);
  if (!event) return 0;
  FUZZ_CHECK(line.starts_with(R"({"type":"ADDED","object":{)"), "input " + Printable(line));
  FUZZ_CHECK(Inside(event->name, line) && Inside(event->resource_version, line),
             "input " + Printable(line));
  FUZZ_CHECK(Plain(event->name) && Plain(event->resource_version), "input " + Printable(line));
  const std::string longer = std::string(line) + R"(,"resourceVersion":"x"}})";
  const auto again = loadgen::ScanAddedEvent(longer);
  FUZZ_CHECK(
      again && again->name == event->name && again->resource_version == event->resource_version,
      "input " + Printable(line));
  return 0;
}
