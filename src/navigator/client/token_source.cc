#include "navigator/client/token_source.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace navigator::client {
namespace {

constexpr std::size_t kMaxTokenBytes = 64 * 1024;

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

Result<TokenSource> TokenSource::Create(std::string token, std::string file) {
  TokenSource source;
  source.token_ = std::move(token);
  source.file_ = std::move(file);
  if (!source.file_.empty()) NAVIGATOR_RETURN_IF_ERROR(source.Reload());
  return source;
}

TokenSource::TokenSource(TokenSource&& other) noexcept
    : file_(std::move(other.file_)), token_(std::move(other.token_)), id_(other.id_) {}

Status TokenSource::Reload() {
  const int fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return BadRequest(fmt::format("bearer token file {}: {}", file_, std::strerror(errno)));
  }
  struct stat st {};
  std::string contents;
  Status status;
  if (::fstat(fd, &st) != 0) {
    status = BadRequest(fmt::format("bearer token file {}: {}", file_, std::strerror(errno)));
  } else {
    char buffer[4096];
    while (true) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = BadRequest(fmt::format("bearer token file {}: {}", file_, std::strerror(errno)));
        break;
      }
      if (n == 0) break;
      contents.append(buffer, static_cast<std::size_t>(n));
      if (contents.size() > kMaxTokenBytes) {
        status =
            BadRequest(fmt::format("bearer token file {}: over {} bytes", file_, kMaxTokenBytes));
        break;
      }
    }
  }
  ::close(fd);
  if (!status.ok()) return status;
  const std::string_view token = TrimSpace(contents);
  if (token.empty()) return BadRequest(fmt::format("bearer token file {}: empty", file_));
  token_ = std::string(token);
  id_ = FileId{
      .mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec,
      .size = static_cast<long long>(st.st_size),
      .inode = static_cast<unsigned long long>(st.st_ino)};
  return OkStatus();
}

std::string TokenSource::Token() {
  std::lock_guard lock(mu_);
  if (file_.empty()) return token_;
  struct stat st {};
  if (::stat(file_.c_str(), &st) == 0) {
    const FileId now{.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL +
                                 st.st_mtim.tv_nsec,
                     .size = static_cast<long long>(st.st_size),
                     .inode = static_cast<unsigned long long>(st.st_ino)};
    if (!(now == id_)) (void)Reload();  // on failure the last good token stays
  }
  return token_;
}

}  // namespace navigator::client
