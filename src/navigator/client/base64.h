#pragma once

// Standard base64 (RFC 4648 section 4, with '=' padding), Go's
// base64.StdEncoding, in which kubeconfig files carry *-data fields.

#include <optional>
#include <string>
#include <string_view>

namespace navigator::client {

std::string Base64Encode(std::string_view data);

// Decodes `text`, ignoring '\r' and '\n' (as Go's decoder does). Returns
// nullopt for anything else that is not canonical padded base64: a byte
// outside [A-Za-z0-9+/=], a length (without line breaks) that is not a
// multiple of 4, or '=' anywhere but the last one or two positions.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace navigator::client
