// navigator::authn::UserFromHeaders, UnescapeExtraKey and
// NormalizeRequestHeaderNames: the identity a front proxy asserts in
// X-Remote-* headers.
//
// Input: optional first line "#names <user>|<uid>|<group>|<extra>" (each a
// comma-separated list of header names or prefixes; Kubernetes' defaults
// otherwise), then one header per line, "Name: value" (split at the first ':').
//
// Properties:
//  - NormalizeRequestHeaderNames fails only with BadRequest;
//  - UserFromHeaders is deterministic, and finds a user exactly when a username
//    header's first value is not empty (checked against a direct reading of
//    the rule), with that name and uid;
//  - groups are exactly the non-empty values of the group headers, in order;
//  - every extra value comes from a header with a configured prefix, under
//    UnescapeExtraKey(lower-cased rest of the name), and none is lost;
//  - UnescapeExtraKey never grows its input, leaves '%'-free keys unchanged,
//    and undoes the percent-encoding of any bytes, even once lower-cased.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "navigator/authn/request_header_identity.h"

using navigator::fuzz::Printable;
namespace authn = navigator::authn;
namespace http = navigator::http;

namespace {

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string Lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return Lowered(a) == Lowered(b);
}

std::vector<std::string> Split(std::string_view s, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = s.find(separator, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string EncodeAll(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// The reading of the name rule, straight from its definition.
std::string FirstNonEmpty(const http::NameValues& headers, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    for (const auto& [key, value] : headers) {
      if (SameIgnoringCase(key, name)) {
        if (!value.empty()) return value;
        break;  // only the first value of a header counts
      }
    }
  }
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = navigator::fuzz::AsText(data, size);
  authn::RequestHeaderNames names;
  if (text.starts_with("#names ")) {
    const std::size_t end = text.find('\n');
    const std::vector<std::string> lists =
        Split(text.substr(7, end == text.npos ? end : end - 7), '|');
    std::vector<std::string>* targets[] = {&names.username_headers, &names.uid_headers,
                                           &names.group_headers, &names.extra_header_prefixes};
    for (std::size_t i = 0; i < lists.size() && i < 4; ++i) *targets[i] = Split(lists[i], ',');
    text = end == text.npos ? std::string_view() : text.substr(end + 1);
    auto normalized = authn::NormalizeRequestHeaderNames(names);
    if (!normalized.ok()) {
      FUZZ_CHECK(normalized.status().code() == navigator::StatusCode::kBadRequest,
                 normalized.status().ToString());
      return 0;
    }
    names = *std::move(normalized);
  }

  http::NameValues headers;
  if (!text.empty()) {
    for (const std::string& line : Split(text, '\n')) {
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) {
        headers.emplace_back(line, "");
      } else {
        std::size_t value = colon + 1;
        while (value < line.size() && line[value] == ' ') ++value;
        headers.emplace_back(line.substr(0, colon), line.substr(value));
      }
    }
  }

  const auto user = authn::UserFromHeaders(headers, names);
  FUZZ_CHECK(authn::UserFromHeaders(headers, names) == user, "not deterministic");
  const std::string expected_name = FirstNonEmpty(headers, names.username_headers);
  FUZZ_CHECK(user.has_value() == !expected_name.empty(),
             "input " + Printable(text) + ": user found " + std::to_string(user.has_value()));

  for (const auto& [key, value] : headers) {
    const std::string unescaped = authn::UnescapeExtraKey(key);
    FUZZ_CHECK(unescaped.size() <= key.size(), "UnescapeExtraKey grew " + Printable(key));
    if (key.find('%') == std::string::npos) {
      FUZZ_CHECK(unescaped == key, "UnescapeExtraKey changed " + Printable(key));
    }
    FUZZ_CHECK(authn::UnescapeExtraKey(Lowered(EncodeAll(value))) == value,
               "percent-encoding of " + Printable(value) + " does not decode back");
  }
  if (!user) return 0;

  FUZZ_CHECK(user->name == expected_name, "name " + Printable(user->name));
  FUZZ_CHECK(user->uid == FirstNonEmpty(headers, names.uid_headers), "uid " + Printable(user->uid));

  std::vector<std::string> groups;
  for (const std::string& name : names.group_headers) {
    for (const auto& [key, value] : headers) {
      if (SameIgnoringCase(key, name) && !value.empty()) groups.push_back(value);
    }
  }
  FUZZ_CHECK(user->groups == groups, "input " + Printable(text) + ": groups differ");

  std::map<std::string, std::vector<std::string>> extra;
  for (const std::string& prefix : names.extra_header_prefixes) {
    for (const auto& [key, value] : headers) {
      if (key.size() < prefix.size() || !SameIgnoringCase(key.substr(0, prefix.size()), prefix)) {
        continue;
      }
      extra[authn::UnescapeExtraKey(Lowered(key.substr(prefix.size())))].push_back(value);
    }
  }
  FUZZ_CHECK(user->extra == extra, "input " + Printable(text) + ": extra differs");
  return 0;
}
