#pragma once

// Unpadded URL-safe base64 (RFC 4648 section 5 without '='), Go's
// base64.RawURLEncoding, in which Kubernetes writes continue tokens.

#include <optional>
#include <string>
#include <string_view>

namespace navigator::registry {

std::string Base64UrlEncode(std::string_view data);

// Decodes `text`, or returns nullopt and sets `*error_offset` (when given) to
// the offset of the first byte that cannot be part of valid input: a byte
// outside [A-Za-z0-9_-] (padding '=' included), or the end when a single
// character is left over. Like Go's non-strict decoder, unused low bits of the
// last character are ignored.
std::optional<std::string> Base64UrlDecode(std::string_view text,
                                           std::size_t* error_offset = nullptr);

}  // namespace navigator::registry
