#include "navigator/http/target.h"

#include <string>

namespace navigator::http::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      const int hi = i + 1 < in.size() ? HexValue(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return BadRequest("invalid URL escape \"" + std::string(in.substr(i, 3)) + "\"");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<ParsedTarget> ParseTarget(std::string_view target) {
  ParsedTarget parsed;
  if (target == "*") {
    parsed.path = "*";
    return parsed;
  }
  // Absolute form: drop the scheme and authority.
  for (std::string_view scheme : {"http://", "https://"}) {
    if (StartsWithIgnoreCase(target, scheme)) {
      target.remove_prefix(scheme.size());
      const auto end_of_authority = target.find_first_of("/?#");
      if (end_of_authority == std::string_view::npos) {
        target = "/";
      } else {
        target.remove_prefix(end_of_authority);
        if (target.front() != '/') parsed.path = "/";
      }
      break;
    }
  }
  if (const auto hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  if (parsed.path.empty() && (target.empty() || target.front() != '/')) {
    return BadRequest("invalid request target \"" + std::string(target) + "\"");
  }

  std::string_view raw_path = target;
  std::string_view raw_query;
  if (const auto q = target.find('?'); q != std::string_view::npos) {
    raw_path = target.substr(0, q);
    raw_query = target.substr(q + 1);
  }
  if (!raw_path.empty()) {
    NAVIGATOR_ASSIGN_OR_RETURN(parsed.path, PercentDecode(raw_path, /*plus_as_space=*/false));
  }
  while (!raw_query.empty()) {
    std::string_view piece = raw_query;
    if (const auto amp = raw_query.find('&'); amp != std::string_view::npos) {
      piece = raw_query.substr(0, amp);
      raw_query.remove_prefix(amp + 1);
    } else {
      raw_query = {};
    }
    if (piece.empty()) continue;
    std::string_view raw_name = piece;
    std::string_view raw_value;
    if (const auto eq = piece.find('='); eq != std::string_view::npos) {
      raw_name = piece.substr(0, eq);
      raw_value = piece.substr(eq + 1);
    }
    NAVIGATOR_ASSIGN_OR_RETURN(std::string name, PercentDecode(raw_name, /*plus_as_space=*/true));
    NAVIGATOR_ASSIGN_OR_RETURN(std::string value, PercentDecode(raw_value, /*plus_as_space=*/true));
    parsed.query.emplace_back(std::move(name), std::move(value));
  }
  return parsed;
}

}  // namespace navigator::http::internal
