#include "navigator/http/wire.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <iterator>

namespace navigator::http::internal {
namespace {

namespace bhttp = boost::beast::http;

constexpr std::size_t kMaxLoggedChars = 2048;

bool IsToken(std::string_view s) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

bool IsFieldValue(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

}  // namespace

std::string FormatEndpoint(const boost::asio::ip::tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  return endpoint.address().is_v6() ? fmt::format("[{}]:{}", address, endpoint.port())
                                    : fmt::format("{}:{}", address, endpoint.port());
}

std::string EscapeForLog(std::string_view s) {
  std::string out;
  for (const char ch : s.substr(0, kMaxLoggedChars)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20 || c == 0x7f) {
      fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
    } else {
      out.push_back(ch);
    }
  }
  if (s.size() > kMaxLoggedChars) out += "...";
  return out;
}

std::string HttpDate() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

bhttp::response_header<> MakeHeader(const Response& response, unsigned version) {
  bhttp::response_header<> header;
  header.version(version);
  header.result(static_cast<unsigned>(response.status));
  if (!response.content_type.empty()) {
    header.set(bhttp::field::content_type, response.content_type);
  }
  bool has_date = false;
  for (const auto& [name, value] : response.headers) {
    if (!IsToken(name) || !IsFieldValue(value)) {
      spdlog::warn("HTTP: dropping invalid response header \"{}\"", EscapeForLog(name));
      continue;
    }
    const bhttp::field field = bhttp::string_to_field(name);
    if (field == bhttp::field::content_length || field == bhttp::field::transfer_encoding ||
        field == bhttp::field::connection) {
      continue;
    }
    has_date = has_date || field == bhttp::field::date;
    header.insert(name, value);
  }
  if (!has_date) header.set(bhttp::field::date, HttpDate());
  return header;
}

}  // namespace navigator::http::internal
