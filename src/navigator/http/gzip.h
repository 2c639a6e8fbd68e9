#pragma once

// gzip (RFC 1952) with zlib, and the server's response-compression policy.

#include <cstddef>
#include <string>
#include <string_view>

#include "navigator/base/result.h"
#include "navigator/http/request.h"

namespace navigator::http {

// kube-apiserver's threshold: smaller bodies are not worth compressing.
inline constexpr std::size_t kGzipMinBytes = 128 * 1024;
// kube-apiserver's level: the least CPU for a ratio close to the best.
inline constexpr int kGzipLevel = 1;

// `data` as one gzip member. Errors: kInternal when zlib fails (out of memory).
Result<std::string> GzipCompress(std::string_view data, int level = kGzipLevel);

// The concatenated contents of the gzip members in `data`. Errors:
// BadRequest for data that is not gzip, corrupt or truncated;
// kRequestEntityTooLarge once the output would exceed `max_bytes`.
Result<std::string> GzipDecompress(std::string_view data, std::size_t max_bytes);

// True when the request's Accept-Encoding fields (all of them, as one list)
// give gzip a non-zero quality. A malformed field accepts nothing.
bool AcceptsGzip(const Request& request);

// The server's policy, applied to each response before it is written: a
// response with a body of at least `min_bytes`, not streamed, not 204/304 and
// without a Content-Encoding of its own, gets "Vary: Accept-Encoding" and,
// when the request accepts gzip, its body gzip-compressed with
// "Content-Encoding: gzip". Returns whether it compressed. Also for HEAD, so
// that its headers are those of the GET. Must not be called on an I/O thread
// for large bodies (it is CPU-bound).
bool MaybeGzipResponse(const Request& request, std::size_t min_bytes, Response& response);

}  // namespace navigator::http
