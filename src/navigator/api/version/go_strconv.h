#pragma once

// The pieces of Go's strconv that the version parsers need in order to
// produce the same values and error messages as the Go libraries they mirror.

#include <cstdint>
#include <string>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::api::go_strconv {

// strconv.ParseInt(text, 10, 64): an optional sign, then one or more decimal
// digits (leading zeros allowed), within int64. The error is kBadRequest with
// Go's message, e.g. `strconv.ParseInt: parsing "v5": invalid syntax` or
// `... value out of range`.
Result<int64_t> ParseInt(std::string_view text);

}  // namespace navigator::api::go_strconv
