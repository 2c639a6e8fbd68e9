#pragma once

// JSON pointers (RFC 6901): the syntax of a pointer and of an array index.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::api {

// The reference tokens of `pointer`, unescaped ("~1" is '/', "~0" is '~').
// "" names the whole document and has no tokens. Errors are kBadRequest with
// the reason, e.g. "must be empty or start with '/'" or "'~' must be followed
// by '0' or '1'".
Result<std::vector<std::string>> ParseJsonPointer(std::string_view pointer);

// The array index `token` spells: "0" or digits without a leading zero, at
// most `limit`. nullopt for anything else, "-" included.
std::optional<std::size_t> ParseJsonArrayIndex(std::string_view token, std::size_t limit);

// True when `prefix` names an ancestor of `tokens` (not `tokens` itself).
bool IsProperJsonPointerPrefix(const std::vector<std::string>& prefix,
                               const std::vector<std::string>& tokens);

}  // namespace navigator::api
