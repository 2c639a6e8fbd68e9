// navigator::registry::ParseResourceVersion (metadata.resourceVersion and the
// resourceVersion query parameter).
//
// Properties, for text that parses as rv: rv >= 0; the text is a plain
// decimal number (digits only, as etcd revisions are written and as
// Kubernetes' strconv.ParseUint reads them); std::to_string(rv) parses to rv.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/apiserver/registry/request_options.h"

using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto rv = navigator::registry::ParseResourceVersion(text);
  if (!rv.ok()) {
    FUZZ_CHECK(rv.status().code() == navigator::StatusCode::kBadRequest, rv.status().ToString());
    return 0;
  }
  FUZZ_CHECK(*rv >= 0, "input " + Printable(text));
  FUZZ_CHECK(!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos,
             "accepted " + Printable(text) + " as resource version " + std::to_string(*rv));
  auto again = navigator::registry::ParseResourceVersion(std::to_string(*rv));
  FUZZ_CHECK(again.ok() && *again == *rv, "input " + Printable(text));
  return 0;
}
