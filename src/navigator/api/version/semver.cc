#include "navigator/api/version/semver.h"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "navigator/api/version/go_strconv.h"

namespace navigator::api {
namespace {

// Splits `text` at the first `delimiter`: `text` keeps what precedes it and
// the rest is returned ("" when there is no delimiter).
std::string_view SplitOff(std::string_view& text, char delimiter) {
  const size_t at = text.find(delimiter);
  if (at == std::string_view::npos) return {};
  std::string_view rest = text.substr(at + 1);
  text = text.substr(0, at);
  return rest;
}

std::vector<std::string_view> Split(std::string_view text, char delimiter) {
  std::vector<std::string_view> parts;
  for (size_t at; (at = text.find(delimiter)) != std::string_view::npos;) {
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

bool IsIdentifierChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// "" or dot-separated non-empty runs of [0-9A-Za-z-].
bool IsValidIdentifier(std::string_view id) {
  if (id.empty()) return true;
  for (std::string_view part : Split(id, '.')) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!IsIdentifierChar(c)) return false;
    }
  }
  return true;
}

int Order(auto a, auto b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::optional<int64_t> AsNumber(std::string_view part) {
  auto n = go_strconv::ParseInt(part);
  if (!n.ok()) return std::nullopt;
  return *n;
}

// go-semver's pre-release order; both sides are non-empty.
int ComparePreRelease(std::string_view a, std::string_view b) {
  const auto a_parts = Split(a, '.');
  const auto b_parts = Split(b, '.');
  for (size_t i = 0; i < a_parts.size() && i < b_parts.size(); ++i) {
    const auto a_number = AsNumber(a_parts[i]);
    const auto b_number = AsNumber(b_parts[i]);
    if (a_number.has_value() != b_number.has_value()) return a_number ? -1 : 1;
    if (a_number && *a_number != *b_number) return Order(*a_number, *b_number);
    if (int c = Order(a_parts[i], b_parts[i]); c != 0) return c;
  }
  return Order(a_parts.size(), b_parts.size());
}

}  // namespace

Semver::Semver(int64_t major, int64_t minor, int64_t patch, std::string pre_release,
               std::string metadata)
    : major_(major),
      minor_(minor),
      patch_(patch),
      pre_release_(std::move(pre_release)),
      metadata_(std::move(metadata)) {}

Result<Semver> Semver::Parse(std::string_view text) {
  std::string_view core = text;
  const std::string_view metadata = SplitOff(core, '+');
  const std::string_view pre_release = SplitOff(core, '-');
  const auto numbers = Split(core, '.');
  // go-semver splits into at most three parts, so "1.2.3.4" ends in "3.4".
  if (numbers.size() < 3) return BadRequest(std::string(core) + " is not in dotted-tri format");
  if (!IsValidIdentifier(pre_release)) {
    return BadRequest("failed to validate pre-release: " + std::string(pre_release) +
                      " is not a valid semver identifier");
  }
  if (!IsValidIdentifier(metadata)) {
    return BadRequest("failed to validate metadata: " + std::string(metadata) +
                      " is not a valid semver identifier");
  }
  const std::string_view patch = core.substr(numbers[0].size() + numbers[1].size() + 2);
  std::array<int64_t, 3> parsed{};
  const std::array<std::string_view, 3> parts = {numbers[0], numbers[1], patch};
  for (size_t i = 0; i < parts.size(); ++i) {
    NAVIGATOR_ASSIGN_OR_RETURN(parsed[i], go_strconv::ParseInt(parts[i]));
  }
  return Semver(parsed[0], parsed[1], parsed[2], std::string(pre_release), std::string(metadata));
}

std::string Semver::ToString() const {
  std::string out =
      std::to_string(major_) + "." + std::to_string(minor_) + "." + std::to_string(patch_);
  if (!pre_release_.empty()) out += "-" + pre_release_;
  if (!metadata_.empty()) out += "+" + metadata_;
  return out;
}

int Semver::Compare(const Semver& other) const {
  for (auto [a, b] : {std::pair{major_, other.major_}, std::pair{minor_, other.minor_},
                      std::pair{patch_, other.patch_}}) {
    if (a != b) return Order(a, b);
  }
  const bool release = pre_release_.empty();
  const bool other_release = other.pre_release_.empty();
  if (release != other_release) return release ? 1 : -1;
  if (release) return 0;
  return ComparePreRelease(pre_release_, other.pre_release_);
}

}  // namespace navigator::api
