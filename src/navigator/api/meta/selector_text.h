#pragma once

// How the selector parsers show pieces of client text inside error messages.

#include <cstddef>
#include <string>
#include <string_view>

namespace navigator::api::internal {

// `text` fit for a message that is sent as JSON: valid UTF-8 is kept as it is
// (backslashes and quotes too, so the client recognises its input), control
// characters and bytes that are not UTF-8 become \xNN. Input beyond `limit`
// bytes is cut and "..." appended.
std::string SelectorText(std::string_view text, std::size_t limit = 256);

// The length of the UTF-8 sequence starting text[0], or 0 when it is not
// valid UTF-8 (overlong forms and surrogates included). Precondition:
// !text.empty().
std::size_t Utf8SequenceLength(std::string_view text);

}  // namespace navigator::api::internal
