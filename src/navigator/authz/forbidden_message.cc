#include "navigator/authz/forbidden_message.h"

#include <fmt/format.h>

#include <cstdint>

namespace navigator::authz {

namespace {

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when the
// byte starts no valid sequence (overlong forms, surrogates and code points
// above U+10FFFF are invalid, as in Go).
std::size_t DecodeRune(std::string_view text, std::size_t i, char32_t& rune) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(text[i + k]);
  };
  const unsigned char b0 = byte(0);
  std::size_t length = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    rune = b0;
    return 1;
  } else if ((b0 & 0xe0) == 0xc0) {
    length = 2, min = 0x80, rune = b0 & 0x1f;
  } else if ((b0 & 0xf0) == 0xe0) {
    length = 3, min = 0x800, rune = b0 & 0x0f;
  } else if ((b0 & 0xf8) == 0xf0) {
    length = 4, min = 0x10000, rune = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xc0) != 0x80) return 0;
    rune = (rune << 6) | (byte(k) & 0x3f);
  }
  if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return 0;
  return length;
}

bool Printable(char32_t rune) {
  if (rune < 0x20 || rune == 0x7f) return false;
  if (rune >= 0x80 && rune <= 0x9f) return false;
  return rune != 0xad && rune != 0x2028 && rune != 0x2029 && rune != 0xfeff && rune != 0xfffe &&
         rune != 0xffff;
}

std::string HtmlSanitized(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string GoQuote(std::string_view text) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t rune = 0;
    const std::size_t length = DecodeRune(text, i, rune);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (rune == '"' || rune == '\\') {
      out += '\\';
      out += static_cast<char>(rune);
    } else if (Printable(rune)) {
      out.append(text.substr(i, length));
    } else {
      switch (rune) {
        case '\a':
          out += "\\a";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\v':
          out += "\\v";
          break;
        default:
          if (rune < 0x80) {
            out += fmt::format("\\x{:02x}", static_cast<std::uint32_t>(rune));
          } else {
            out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(rune));
          }
      }
    }
    i += length;
  }
  out += '"';
  return out;
}

std::string ForbiddenMessage(const Attributes& attributes) {
  const std::string& user = attributes.user.name;
  std::string message;
  if (!attributes.resource_request) {
    message = fmt::format("User {} cannot {} path {}", GoQuote(user), attributes.verb,
                          GoQuote(attributes.path));
  } else {
    std::string resource = attributes.resource;
    if (!attributes.subresource.empty()) resource += "/" + attributes.subresource;
    if (!attributes.namespace_.empty()) {
      message = fmt::format("User {} cannot {} resource {} in API group {} in the namespace {}",
                            GoQuote(user), attributes.verb, GoQuote(resource),
                            GoQuote(attributes.api_group), GoQuote(attributes.namespace_));
    } else {
      message = fmt::format("User {} cannot {} resource {} in API group {} at the cluster scope",
                            GoQuote(user), attributes.verb, GoQuote(resource),
                            GoQuote(attributes.api_group));
    }
  }
  return HtmlSanitized(message);
}

Status ForbiddenStatus(const Attributes& attributes, std::string_view reason) {
  std::string cause = ForbiddenMessage(attributes);
  if (!reason.empty()) cause += fmt::format(": {}", reason);

  // kube qualifies the resource from the attributes whether or not the
  // request is a resource request; a non-resource request has neither.
  std::string qualified = attributes.resource;
  if (!attributes.api_group.empty()) qualified += "." + attributes.api_group;
  std::string message;
  if (attributes.resource.empty() && attributes.api_group.empty()) {
    message = "forbidden: " + cause;
  } else if (attributes.name.empty()) {
    message = fmt::format("{} is forbidden: {}", qualified, cause);
  } else {
    message = fmt::format("{} {} is forbidden: {}", qualified, GoQuote(attributes.name), cause);
  }
  return Status(
      StatusCode::kForbidden, std::move(message),
      StatusDetails{
          .name = attributes.name, .group = attributes.api_group, .kind = attributes.resource});
}

}  // namespace navigator::authz
