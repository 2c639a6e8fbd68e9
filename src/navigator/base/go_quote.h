#pragma once

// Go's strconv.Quote (the %q verb), which Kubernetes uses to show string
// values in error messages: the text in double quotes with `"` and `\`
// escaped, control characters as \n, \t, \x1f..., C1 controls and other
// non-printing runes as \u..., and bytes that are not UTF-8 as \xNN.

#include <string>
#include <string_view>

namespace navigator {

std::string GoQuote(std::string_view text);

}  // namespace navigator
