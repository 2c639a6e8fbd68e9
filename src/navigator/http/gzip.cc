#include "navigator/http/gzip.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>

#include "navigator/http/accept_encoding.h"

namespace navigator::http {
namespace {

// zlib counts in uInt; feed it at most this much at a time.
constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max() / 2;
// gzip's window bits for deflateInit2/inflateInit2: 15, plus 16 for the gzip
// wrapper (no zlib header, no auto-detection).
constexpr int kGzipWindowBits = 15 + 16;

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

Bytef* InputBytes(std::string_view data, std::size_t offset) {
  // zlib's API is not const-correct; it does not write to next_in.
  return reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + offset));
}

}  // namespace

Result<std::string> GzipCompress(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Internal("gzip: cannot initialise the compressor");
  }
  std::string out;
  out.reserve(data.size() / 4 + 64);
  std::array<Bytef, 64 * 1024> buffer;
  std::size_t offset = 0;
  int flush = Z_NO_FLUSH;
  int rc = Z_OK;
  do {
    const std::size_t chunk = std::min(data.size() - offset, kMaxChunk);
    zs.next_in = InputBytes(data, offset);
    zs.avail_in = static_cast<uInt>(chunk);
    offset += chunk;
    flush = offset == data.size() ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = buffer.data();
      zs.avail_out = static_cast<uInt>(buffer.size());
      rc = deflate(&zs, flush);
      if (rc == Z_STREAM_ERROR) break;
      out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - zs.avail_out);
    } while (zs.avail_out == 0);
  } while (flush != Z_FINISH && rc != Z_STREAM_ERROR);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Internal("gzip: compression failed");
  return out;
}

Result<std::string> GzipDecompress(std::string_view data, std::size_t max_bytes) {
  if (data.empty()) return BadRequest("gzip: no data");
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) {
    return Internal("gzip: cannot initialise the decompressor");
  }
  std::string out;
  std::array<Bytef, 64 * 1024> buffer;
  std::size_t offset = 0;
  Status error;
  while (error.ok()) {
    if (zs.avail_in == 0 && offset < data.size()) {
      const std::size_t chunk = std::min(data.size() - offset, kMaxChunk);
      zs.next_in = InputBytes(data, offset);
      zs.avail_in = static_cast<uInt>(chunk);
      offset += chunk;
    }
    zs.next_out = buffer.data();
    zs.avail_out = static_cast<uInt>(buffer.size());
    const int rc = inflate(&zs, Z_NO_FLUSH);
    const std::size_t produced = buffer.size() - zs.avail_out;
    if (produced > max_bytes - out.size()) {
      error = Status(StatusCode::kRequestEntityTooLarge,
                     fmt::format("gzip: the data decompresses to more than {} bytes", max_bytes));
      break;
    }
    out.append(reinterpret_cast<const char*>(buffer.data()), produced);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0 && offset == data.size()) break;
      // Another member follows (RFC 1952 allows concatenation).
      if (inflateReset(&zs) != Z_OK) error = Internal("gzip: cannot reset the decompressor");
    } else if (rc == Z_BUF_ERROR || (rc == Z_OK && produced == 0 && zs.avail_in == 0)) {
      if (zs.avail_in == 0 && offset == data.size()) {
        error = BadRequest("gzip: the data is truncated");
      }
    } else if (rc != Z_OK) {
      error = BadRequest(
          fmt::format("gzip: the data is corrupt ({})", zs.msg != nullptr ? zs.msg : "no detail"));
    }
  }
  inflateEnd(&zs);
  if (!error.ok()) return error;
  return out;
}

bool AcceptsGzip(const Request& request) {
  std::string joined;
  bool any = false;
  for (const auto& [name, value] : request.headers) {
    if (!EqualsIgnoreCase(name, "accept-encoding")) continue;
    if (any) joined += ',';
    joined += value;
    any = true;
  }
  if (!any) return false;
  Result<AcceptEncoding> parsed = ParseAcceptEncoding(joined);
  return parsed.ok() && parsed->QualityOf("gzip") > 0;
}

bool MaybeGzipResponse(const Request& request, std::size_t min_bytes, Response& response) {
  if (response.stream || response.status == 204 || response.status == 304 ||
      response.body.size() < min_bytes) {
    return false;
  }
  std::string* vary = nullptr;
  for (auto& [name, value] : response.headers) {
    if (EqualsIgnoreCase(name, "content-encoding")) return false;
    if (EqualsIgnoreCase(name, "vary") && vary == nullptr) vary = &value;
  }
  // The choice depends on Accept-Encoding whether or not this client accepts gzip.
  if (vary == nullptr) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
  } else if (!ContainsIgnoreCase(*vary, "accept-encoding") &&
             vary->find('*') == std::string::npos) {
    *vary += vary->empty() ? "Accept-Encoding" : ", Accept-Encoding";
  }
  if (!AcceptsGzip(request)) return false;
  Result<std::string> compressed = GzipCompress(response.body);
  if (!compressed.ok()) {
    spdlog::warn("HTTP: sending a response uncompressed: {}", compressed.status().message());
    return false;
  }
  response.body = *std::move(compressed);
  response.headers.emplace_back("Content-Encoding", "gzip");
  return true;
}

}  // namespace navigator::http
