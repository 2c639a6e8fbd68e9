#include "navigator/http/request.h"

#include <algorithm>

namespace navigator::http {
namespace {

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

const std::string* Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

bool ChunkSink::Write(std::string data) {
  if (closed()) return false;
  if (data.empty()) return true;
  std::lock_guard lock(mu_);
  pending_.push_back(std::move(data));
  return true;
}

std::vector<std::string> ChunkSink::TakePending() {
  std::lock_guard lock(mu_);
  return std::exchange(pending_, {});
}

}  // namespace navigator::http
