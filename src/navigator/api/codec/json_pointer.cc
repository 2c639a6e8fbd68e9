#include "navigator/api/codec/json_pointer.h"

#include <algorithm>

namespace navigator::api {

Result<std::vector<std::string>> ParseJsonPointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') return BadRequest("must be empty or start with '/'");
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
      continue;
    }
    if (pointer[i] != '~') {
      token += pointer[i];
      continue;
    }
    if (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
      return BadRequest("'~' must be followed by '0' or '1'");
    }
    token += pointer[++i] == '0' ? '~' : '/';
  }
  return tokens;
}

std::optional<std::size_t> ParseJsonArrayIndex(std::string_view token, std::size_t limit) {
  if (token.empty() || (token.size() > 1 && token.front() == '0')) return std::nullopt;
  std::size_t index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    const std::size_t digit = static_cast<std::size_t>(c - '0');
    if (index > limit / 10) return std::nullopt;
    index *= 10;
    if (digit > limit - index) return std::nullopt;
    index += digit;
  }
  return index;
}

bool IsProperJsonPointerPrefix(const std::vector<std::string>& prefix,
                               const std::vector<std::string>& tokens) {
  return prefix.size() < tokens.size() && std::equal(prefix.begin(), prefix.end(), tokens.begin());
}

}  // namespace navigator::api
