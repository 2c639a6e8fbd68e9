// navigator::registry::ParseDeleteOptions (the DELETE body).
//
// Properties: errors are BadRequest; an accepted body has a supported
// propagationPolicy ("", Orphan, Background, Foreground); a blank body gives
// the defaults.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/apiserver/registry/request_options.h"

using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = navigator::fuzz::AsText(data, size);
  auto options = navigator::registry::ParseDeleteOptions(body);
  if (!options.ok()) {
    FUZZ_CHECK(options.status().code() == navigator::StatusCode::kBadRequest,
               options.status().ToString());
    return 0;
  }
  const std::string& policy = options->propagation_policy;
  FUZZ_CHECK(
      policy.empty() || policy == "Orphan" || policy == "Background" || policy == "Foreground",
      "input " + Printable(body) + " gives propagationPolicy " + Printable(policy));
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    FUZZ_CHECK(policy.empty() && !options->grace_period_seconds && !options->preconditions.uid &&
                   !options->preconditions.resource_version,
               "blank input " + Printable(body) + " does not give the defaults");
  }
  return 0;
}
