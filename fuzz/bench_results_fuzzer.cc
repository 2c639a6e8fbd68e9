// navigator::bench::ParsePhaseResults (bench/apiserver/summary_results.h: the
// load generator's JSON lines, as navigator_bench_table reads them).
//
// Properties:
//  - errors are kBadRequest and name the line ("line N: ...");
//  - every accepted phase has a non-empty target and op and clients > 0;
//  - appending a blank line changes nothing; appending a malformed line makes
//    the whole input an error.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/apiserver/summary_results.h"
#include "fuzz_check.h"

using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto phases = navigator::bench::ParsePhaseResults(text);
  if (!phases.ok()) {
    FUZZ_CHECK(phases.status().code() == navigator::StatusCode::kBadRequest &&
                   phases.status().message().starts_with("line "),
               "input " + Printable(text) + ": " + phases.status().ToString());
    return 0;
  }
  for (const auto& p : *phases) {
    FUZZ_CHECK(!p.target.empty() && !p.op.empty() && p.clients > 0,
               "input " + Printable(text) + " gave an incomplete phase");
  }
  const std::string blank = std::string(text) + "\n \n";
  auto again = navigator::bench::ParsePhaseResults(blank);
  FUZZ_CHECK(again.ok() && again->size() == phases->size(),
             "input " + Printable(text) + " changed with a blank line appended");
  const std::string broken = std::string(text) + "\n{";
  FUZZ_CHECK(!navigator::bench::ParsePhaseResults(broken).ok(),
             "input " + Printable(text) + " accepted a malformed last line");
  return 0;
}
