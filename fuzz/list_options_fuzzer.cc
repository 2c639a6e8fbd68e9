// navigator::registry::ParseListOptions (the query of LIST, WATCH and
// DELETECOLLECTION): the input is a query string, "name=value&name=value",
// without percent-decoding (the HTTP layer does that).
//
// Properties: errors are 400 or 422 (never anything else, never a crash);
// accepted options respect Kubernetes' rules: a non-negative limit and
// timeout, sendInitialEvents only with watch, NotOlderThan and bookmarks.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_check.h"
#include "navigator/apiserver/registry/list_options.h"

using navigator::StatusCode;
using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  std::vector<std::pair<std::string, std::string>> query;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    query.emplace_back(std::string(pair.substr(0, eq)),
                       eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  auto options =
      navigator::registry::ParseListOptions([&query](std::string_view name) -> const std::string* {
        for (const auto& [k, v] : query) {
          if (k == name) return &v;
        }
        return nullptr;
      });
  if (!options.ok()) {
    const StatusCode code = options.status().code();
    FUZZ_CHECK(code == StatusCode::kBadRequest || code == StatusCode::kInvalid,
               options.status().ToString());
    FUZZ_CHECK(!options.status().message().empty(), "input " + Printable(text));
    return 0;
  }
  FUZZ_CHECK(options->limit >= 0, "input " + Printable(text));
  FUZZ_CHECK(!options->timeout_seconds || *options->timeout_seconds >= 0,
             "input " + Printable(text));
  if (options->send_initial_events) {
    FUZZ_CHECK(options->watch && options->allow_watch_bookmarks &&
                   options->resource_version_match ==
                       navigator::registry::ResourceVersionMatch::kNotOlderThan,
               "input " + Printable(text));
  }
  return 0;
}
