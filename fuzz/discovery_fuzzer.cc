// navigator::client discovery parsers: ParseAggregatedDiscovery,
// ParseApiResourceList and ParseLegacyGroupVersions, as Discover reads
// kube-apiserver's /api, /apis and group documents.
//
// Properties: every rejection is kBadRequest with a message; parsing is
// deterministic; every resource an accepted document yields can be
// addressed by a ResourceClient (non-empty kind, a version, a resource name
// of lower-case letters, digits, '-' and '.'), and ResourceFor finds it by its
// group and kind; every legacy group version is "v" (core) or "group/version".

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/client/discovery.h"

using navigator::StatusCode;
using navigator::fuzz::Printable;
namespace client = navigator::client;

namespace {

void CheckIndex(const client::DiscoveryIndex& index, std::string_view text) {
  for (const auto& [key, info] : index.resources()) {
    FUZZ_CHECK(!info.kind.empty() && !info.gvr.version.empty(), Printable(text));
    FUZZ_CHECK(!info.gvr.resource.empty(), Printable(text));
    for (const char c : info.gvr.resource) {
      FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.',
                 Printable(text));
    }
    FUZZ_CHECK(key.first == info.gvr.group && key.second == info.kind, Printable(text));
    auto found = index.ResourceFor(info.gvr.group, info.kind);
    FUZZ_CHECK(found.ok() && found->gvr == info.gvr, Printable(text));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);

  client::DiscoveryIndex aggregated;
  const navigator::Status a = client::ParseAggregatedDiscovery(text, aggregated);
  FUZZ_CHECK(a.ok() || (a.code() == StatusCode::kBadRequest && !a.message().empty()), a.ToString());
  client::DiscoveryIndex again;
  FUZZ_CHECK(client::ParseAggregatedDiscovery(text, again) == a, Printable(text));
  FUZZ_CHECK(again.resources().size() == aggregated.resources().size(), Printable(text));
  CheckIndex(aggregated, text);

  client::DiscoveryIndex legacy;
  const navigator::Status l = client::ParseApiResourceList(text, legacy);
  FUZZ_CHECK(l.ok() || (l.code() == StatusCode::kBadRequest && !l.message().empty()), l.ToString());
  CheckIndex(legacy, text);

  auto versions = client::ParseLegacyGroupVersions(text);
  if (!versions.ok()) {
    FUZZ_CHECK(versions.status().code() == StatusCode::kBadRequest, versions.status().ToString());
    return 0;
  }
  for (const std::string& gv : *versions) {
    FUZZ_CHECK(!gv.empty(), Printable(text));
    const std::size_t slash = gv.find('/');
    if (slash != std::string::npos) {
      FUZZ_CHECK(slash > 0 && slash + 1 < gv.size() && gv.find('/', slash + 1) == std::string::npos,
                 Printable(text));
    }
  }
  return 0;
}
