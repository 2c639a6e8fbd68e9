#pragma once

// HTTP wire-format helpers of the server (internal to navigator_http).

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <string>
#include <string_view>

#include "navigator/http/request.h"

namespace navigator::http::internal {

// "ip:port", or "[ip]:port" for IPv6.
std::string FormatEndpoint(const boost::asio::ip::tcp::endpoint& endpoint);

// `s` quoted-string-safe and bounded in length, for log lines.
std::string EscapeForLog(std::string_view s);

// The current time as an RFC 9110 IMF-fixdate.
std::string HttpDate();

// The status line and header fields of `response` for HTTP/`version` (10 or
// 11). Invalid header names or values are dropped (and logged); framing
// headers (Content-Length, Transfer-Encoding, Connection) are the server's and
// dropped too. Adds Date unless present. Precondition: 100 <= status <= 999.
boost::beast::http::response_header<> MakeHeader(const Response& response, unsigned version);

}  // namespace navigator::http::internal
