#include "navigator/client/server_url.h"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>

namespace navigator::client {
namespace {

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool IsHostNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

}  // namespace

std::string ServerUrl::Origin() const {
  const bool v6 = host.find(':') != std::string::npos;
  return fmt::format("https://{}{}{}:{}", v6 ? "[" : "", host, v6 ? "]" : "", port);
}

std::string ServerUrl::HostHeader() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + host + "]" : host;
  if (port != 443) out += ":" + std::to_string(port);
  return out;
}

Result<ServerUrl> ParseServerUrl(std::string_view server) {
  auto bad = [&](std::string_view why) {
    return BadRequest(fmt::format("server \"{}\": {}", server, why));
  };
  if (server.empty()) return BadRequest("no server URL given");
  if (StartsWithIgnoreCase(server, "http://")) {
    return bad("http:// is refused (credentials would travel in clear); use https://");
  }
  if (!StartsWithIgnoreCase(server, "https://")) return bad("not an https:// URL");
  std::string_view rest = server.substr(8);
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view path = end == std::string_view::npos ? "" : rest.substr(end);
  if (path.find_first_of("?#") != std::string_view::npos) {
    return bad("a query or fragment is not allowed");
  }
  if (authority.find('@') != std::string_view::npos) return bad("user info is not allowed");

  ServerUrl url;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unterminated IPv6 address");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("junk after the IPv6 address");
      port = after.substr(1);
      if (port.empty()) return bad("empty port");
    }
    boost::system::error_code ec;
    boost::asio::ip::make_address_v6(url.host, ec);
    if (ec) return bad("not a valid IPv6 address");
    url.host_is_ip = true;
  } else {
    const std::size_t colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) return bad("empty port");
    }
    for (const char c : url.host) {
      if (!IsHostNameChar(c)) return bad("the host has characters not allowed in a host name");
    }
    boost::system::error_code ec;
    boost::asio::ip::make_address_v4(url.host, ec);
    url.host_is_ip = !ec;
  }
  if (url.host.empty()) return bad("no host");
  if (!port.empty()) {
    unsigned value = 0;
    for (const char c : port) {
      if (c < '0' || c > '9' || port.size() > 5) return bad("the port is not a number");
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return bad("the port is out of range");
    url.port = static_cast<uint16_t>(value);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  url.path_prefix = std::string(path);
  return url;
}

}  // namespace navigator::client
