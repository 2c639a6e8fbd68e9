// navigator::api::Semver::Parse (coreos/go-semver). See version_fuzzer.h for
// the input layout. For each text that parses as v:
//  - v.ToString() parses again to a version equal to v, with the same
//    pre-release and metadata, and writes the same text (Elasticsearch
//    versions are stored in this normalised form);
// and the parsed versions are consistently ordered.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "navigator/api/version/semver.h"
#include "version_fuzzer.h"

using navigator::api::Semver;
using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<Semver> versions;
  std::vector<std::string_view> texts;
  for (std::string_view text :
       navigator::fuzz::SplitVersions(navigator::fuzz::AsText(data, size))) {
    auto v = Semver::Parse(text);
    if (!v.ok()) {
      FUZZ_CHECK(v.status().code() == navigator::StatusCode::kBadRequest, v.status().ToString());
      continue;
    }
    const std::string written = v->ToString();
    auto again = Semver::Parse(written);
    FUZZ_CHECK(again.ok(),
               "input " + Printable(text) + " is written as " + Printable(written) +
                   ", which does not parse: " + (again.ok() ? "" : again.status().message()));
    FUZZ_CHECK(*again == *v && again->major() == v->major() && again->minor() == v->minor() &&
                   again->patch() == v->patch() && again->pre_release() == v->pre_release() &&
                   again->metadata() == v->metadata(),
               "input " + Printable(text) + " is written as " + Printable(written) +
                   ", which parses differently");
    FUZZ_CHECK(again->ToString() == written, "input " + Printable(text) + " is written as " +
                                                 Printable(written) + ", then as " +
                                                 Printable(again->ToString()));
    versions.push_back(*v);
    texts.push_back(text);
  }
  navigator::fuzz::CheckOrder(versions, texts, /*transitive=*/true);
  return 0;
}
