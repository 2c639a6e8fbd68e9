#pragma once

// Bounded parsing of JSON request bodies and stored values.

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::api {

struct ParseLimits {
  // Deeper documents are refused: our schemas nest about a dozen levels, and
  // a bound keeps recursive decoding safe from hostile input.
  std::size_t max_depth = 100;
};

struct ParsedJson {
  boost::json::value value;
  // JSON paths (".spec.version", ".spec.nodePools[0].name") of keys that
  // appeared more than once in one object. The value keeps the last one, as
  // Go's encoding/json does. Only filled when asked for.
  std::vector<std::string> duplicate_fields;
};

// Parses `text` as one JSON document. Errors are kBadRequest with the offset
// and what went wrong, e.g. "malformed JSON at offset 17: syntax error".
Result<ParsedJson> ParseJson(std::string_view text, bool report_duplicates = false,
                             const ParseLimits& limits = {});

}  // namespace navigator::api
