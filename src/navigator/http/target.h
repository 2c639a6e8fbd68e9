#pragma once

// Request-target parsing for the server (internal to navigator_http; exposed
// for its tests).

#include <string>
#include <string_view>

#include "navigator/base/result.h"
#include "navigator/http/request.h"

namespace navigator::http::internal {

struct ParsedTarget {
  std::string path;  // percent-decoded
  NameValues query;  // percent-decoded, '+' read as a space, in order
};

// Decodes %XX escapes; with `plus_as_space`, '+' becomes ' ' (query syntax).
// A '%' not followed by two hex digits is a BadRequest naming the escape.
Result<std::string> PercentDecode(std::string_view in, bool plus_as_space);

// Splits an origin-form ("/p?q"), absolute-form ("https://h/p?q") or
// asterisk-form ("*") request target into its decoded path and query. Empty
// query pieces are skipped; a piece without '=' has an empty value. Anything
// else (including a malformed escape) is a BadRequest.
Result<ParsedTarget> ParseTarget(std::string_view target);

}  // namespace navigator::http::internal
