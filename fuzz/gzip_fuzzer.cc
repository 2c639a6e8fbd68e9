// navigator::http::GzipDecompress on arbitrary bytes (what a client could
// send if gzip request bodies were accepted; the tests' decoder of the
// server's responses), and the GzipCompress round trip.
//
// Properties:
//  - decompressing arbitrary input fails with BadRequest or
//    RequestEntityTooLarge, or yields at most the bound;
//  - GzipDecompress(GzipCompress(x)) == x, at levels 1 and 9.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/http/gzip.h"

using navigator::fuzz::Printable;
namespace http = navigator::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = navigator::fuzz::AsText(data, size);
  constexpr std::size_t kBound = 1 << 20;

  auto decoded = http::GzipDecompress(bytes, kBound);
  if (decoded.ok()) {
    FUZZ_CHECK(decoded->size() <= kBound, "input " + Printable(bytes));
  } else {
    const auto code = decoded.status().code();
    FUZZ_CHECK(code == navigator::StatusCode::kBadRequest ||
                   code == navigator::StatusCode::kRequestEntityTooLarge,
               decoded.status().ToString());
  }

  for (const int level : {1, 9}) {
    auto compressed = http::GzipCompress(bytes, level);
    FUZZ_CHECK(compressed.ok(), compressed.status().ToString());
    auto back = http::GzipDecompress(*compressed, bytes.size());
    FUZZ_CHECK(back.ok() && *back == bytes,
               "round trip at level " + std::to_string(level) + " of " + Printable(bytes));
  }
  return 0;
}
