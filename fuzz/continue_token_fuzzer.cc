// navigator::registry::DecodeContinueToken / EncodeContinueToken.
//
// Properties: errors are BadRequest starting "continue key is not valid";
// an accepted token has rv > 0 and a non-empty start key with no empty, "."
// or ".." segment and no leading '/', and re-encodes to a token that decodes
// to the same value. Independently, a token built from the input (rv from the
// first bytes, an ASCII key from the rest) decodes back to itself exactly when
// it meets the documented preconditions.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.h"
#include "navigator/apiserver/registry/continue_token.h"

using navigator::StatusCode;
using navigator::fuzz::Printable;
using navigator::registry::ContinueToken;
using navigator::registry::DecodeContinueToken;
using navigator::registry::EncodeContinueToken;

namespace {

bool CleanRelativePath(std::string_view key) {
  if (key.empty()) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = key.find('/', start);
    const std::string_view segment =
        key.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto t = DecodeContinueToken(text);
  if (!t.ok()) {
    FUZZ_CHECK(t.status().code() == StatusCode::kBadRequest &&
                   t.status().message().starts_with("continue key is not valid: "),
               t.status().ToString());
  } else {
    FUZZ_CHECK(t->resource_version > 0 && CleanRelativePath(t->start_key),
               "input " + Printable(text) + " gives start " + Printable(t->start_key));
    const std::string encoded = EncodeContinueToken(*t);
    auto again = DecodeContinueToken(encoded);
    FUZZ_CHECK(again.ok() && *again == *t,
               "input " + Printable(text) + " re-encoded as " + Printable(encoded));
  }

  if (size >= sizeof(int64_t)) {
    ContinueToken built;
    std::memcpy(&built.resource_version, data, sizeof(int64_t));
    for (std::size_t i = sizeof(int64_t); i < size; ++i) {
      built.start_key += static_cast<char>(data[i] & 0x7f);
    }
    const std::string encoded = EncodeContinueToken(built);
    auto decoded = DecodeContinueToken(encoded);
    const bool valid = built.resource_version > 0 && CleanRelativePath(built.start_key) &&
                       encoded.size() <= navigator::registry::kMaxContinueTokenLength;
    FUZZ_CHECK(decoded.ok() == valid && (!valid || *decoded == built),
               "rv " + std::to_string(built.resource_version) + " start " +
                   Printable(built.start_key) +
                   (decoded.ok() ? " decoded" : " refused: " + decoded.status().ToString()));
  }
  return 0;
}
