#include "navigator/authn/request_header_identity.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace navigator::authn {
namespace {

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

bool HasPrefixIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view TrimSpace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  const std::size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

Status Normalize(std::vector<std::string>& list, std::string_view what) {
  for (std::string& name : list) {
    const std::string_view trimmed = TrimSpace(name);
    if (trimmed.empty()) {
      return BadRequest(fmt::format("requestheader {}: empty header name \"{}\"", what, name));
    }
    name = std::string(trimmed);
  }
  return OkStatus();
}

// The first value of the first header named `name`, "" when absent.
std::string_view FirstValue(const http::NameValues& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::string_view FirstNonEmpty(const http::NameValues& headers,
                               const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    const std::string_view value = FirstValue(headers, name);
    if (!value.empty()) return value;
  }
  return {};
}

}  // namespace

Result<RequestHeaderNames> NormalizeRequestHeaderNames(RequestHeaderNames names) {
  NAVIGATOR_RETURN_IF_ERROR(Normalize(names.username_headers, "username headers"));
  NAVIGATOR_RETURN_IF_ERROR(Normalize(names.uid_headers, "uid headers"));
  NAVIGATOR_RETURN_IF_ERROR(Normalize(names.group_headers, "group headers"));
  NAVIGATOR_RETURN_IF_ERROR(Normalize(names.extra_header_prefixes, "extra header prefixes"));
  return names;
}

std::string UnescapeExtraKey(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] != '%') {
      out += key[i];
      continue;
    }
    if (i + 2 >= key.size()) return std::string(key);
    const int high = HexValue(key[i + 1]);
    const int low = HexValue(key[i + 2]);
    if (high < 0 || low < 0) return std::string(key);
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::optional<UserInfo> UserFromHeaders(const http::NameValues& headers,
                                        const RequestHeaderNames& names) {
  const std::string_view name = FirstNonEmpty(headers, names.username_headers);
  if (name.empty()) return std::nullopt;
  UserInfo user;
  user.name = std::string(name);
  user.uid = std::string(FirstNonEmpty(headers, names.uid_headers));
  for (const std::string& group_header : names.group_headers) {
    for (const auto& [key, value] : headers) {
      if (!value.empty() && EqualsIgnoreCase(key, group_header)) user.groups.push_back(value);
    }
  }
  for (const std::string& prefix : names.extra_header_prefixes) {
    for (const auto& [key, value] : headers) {
      if (!HasPrefixIgnoreCase(key, prefix)) continue;
      std::string lowered = key.substr(prefix.size());
      std::transform(lowered.begin(), lowered.end(), lowered.begin(), AsciiLower);
      user.extra[UnescapeExtraKey(lowered)].push_back(value);
    }
  }
  return user;
}

}  // namespace navigator::authn
