// navigator::client::Base64Decode / Base64Encode (kubeconfig *-data fields).
//
// Properties:
//  - Decode(Encode(input)) == input, and Encode's output is padded to a
//    multiple of 4 characters;
//  - when the input decodes, its length without line breaks is a multiple of
//    4 and the result has 3 bytes per 4 characters less the padding, and
//    re-encoding the result decodes back to it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "navigator/client/base64.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using navigator::client::Base64Decode;
  using navigator::client::Base64Encode;
  using navigator::fuzz::Printable;
  const std::string_view input = navigator::fuzz::AsText(data, size);

  const std::string encoded = Base64Encode(input);
  FUZZ_CHECK(encoded.size() % 4 == 0, Printable(input));
  const auto round_trip = Base64Decode(encoded);
  FUZZ_CHECK(round_trip.has_value() && *round_trip == input, Printable(input));

  const auto decoded = Base64Decode(input);
  if (!decoded) return 0;
  std::string clean;
  for (const char c : input) {
    if (c != '\r' && c != '\n') clean += c;
  }
  FUZZ_CHECK(clean.size() % 4 == 0, Printable(input));
  std::size_t padding = 0;
  while (padding < clean.size() && clean[clean.size() - 1 - padding] == '=') ++padding;
  FUZZ_CHECK(padding <= 2, Printable(input));
  FUZZ_CHECK(decoded->size() == clean.size() / 4 * 3 - padding, Printable(input));
  const auto again = Base64Decode(Base64Encode(*decoded));
  FUZZ_CHECK(again.has_value() && *again == *decoded, Printable(input));
  return 0;
}
