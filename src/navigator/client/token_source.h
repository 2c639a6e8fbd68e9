#pragma once

// The bearer token of a RestConfig: a fixed string, or a file re-read
// whenever it changes (projected service-account tokens rotate).

#include <mutex>
#include <string>

#include "navigator/base/result.h"

namespace navigator::client {

class TokenSource {
 public:
  // Reads `file` now when it is not empty (it then wins over `token`).
  // Errors: kBadRequest naming the file when it cannot be read, is empty or
  // is over 64 KiB.
  static Result<TokenSource> Create(std::string token, std::string file);

  TokenSource(TokenSource&& other) noexcept;

  // The current token ("" for none). With a file: stats it and re-reads it
  // when its modification time, size or inode changed; when the new
  // contents cannot be read, keeps the last good token. Thread-safe.
  std::string Token();

 private:
  struct FileId {
    long long mtime_ns = 0;
    long long size = 0;
    unsigned long long inode = 0;
    bool operator==(const FileId&) const = default;
  };
  TokenSource() = default;
  // Reads the file; sets token_ and id_.
  Status Reload();

  std::mutex mu_;
  std::string file_;
  std::string token_;  // guarded by mu_
  FileId id_;          // guarded by mu_
};

}  // namespace navigator::client
