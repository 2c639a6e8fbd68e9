#include "navigator/api/version/lenient_version.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "navigator/api/version/go_strconv.h"

namespace navigator::api {
namespace {

constexpr size_t kMaxTextLength = 256;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// [0-9A-Za-z\-~]
bool IsWordChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '~';
}

// End of the greedy match of `word(\.word)*` at `pos`, or npos when none.
size_t MatchDottedWords(std::string_view text, size_t pos) {
  size_t end = std::string_view::npos;
  for (;;) {
    size_t run = pos;
    while (run < text.size() && IsWordChar(text[run])) ++run;
    if (run == pos) return end;
    end = run;
    if (run >= text.size() || text[run] != '.') return end;
    pos = run + 1;
  }
}

struct Tail {
  std::string_view pre_release;
  std::string_view metadata;
};

// `(\+M)??$` at `pos`: the metadata, if the rest is empty or "+M".
std::optional<std::string_view> MatchMetadata(std::string_view text, size_t pos) {
  if (pos == text.size()) return std::string_view();
  if (text[pos] == '+' && MatchDottedWords(text, pos + 1) == text.size()) {
    return text.substr(pos + 1);
  }
  return std::nullopt;
}

// `(-?P)?(\+M)??$` at `pos`, trying alternatives in the regexp's priority
// order: a '-' consumed as separator, then the pre-release taken as is (so it
// may start with '-'), then no pre-release at all.
std::optional<Tail> MatchTail(std::string_view text, size_t pos) {
  const auto with_pre_release = [&](size_t start) -> std::optional<Tail> {
    const size_t end = MatchDottedWords(text, start);
    if (end == std::string_view::npos) return std::nullopt;
    const auto metadata = MatchMetadata(text, end);
    if (!metadata) return std::nullopt;
    return Tail{text.substr(start, end - start), *metadata};
  };
  if (pos < text.size() && text[pos] == '-') {
    if (auto tail = with_pre_release(pos + 1)) return tail;
  }
  if (auto tail = with_pre_release(pos)) return tail;
  if (auto metadata = MatchMetadata(text, pos)) return Tail{{}, *metadata};
  return std::nullopt;
}

struct Split {
  std::string_view numbers;  // "1.2.3"
  Tail tail;
};

// Where the lazy `[0-9]+(\.[0-9]+)*?` ends. In priority order the regexp
// tries: the end of each whole digit run, extending one segment at a time;
// then, from the last segment back to the first, each shorter prefix of that
// segment's digits (the remainder then reads as pre-release).
std::optional<Split> SplitVersion(std::string_view text) {
  const size_t start = (!text.empty() && text[0] == 'v') ? 1 : 0;
  std::vector<std::pair<size_t, size_t>> runs;  // [begin, end) of each segment
  for (size_t pos = start;;) {
    size_t end = pos;
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end == pos) break;
    runs.emplace_back(pos, end);
    if (auto tail = MatchTail(text, end)) return Split{text.substr(start, end - start), *tail};
    if (end + 1 >= text.size() || text[end] != '.' || !IsDigit(text[end + 1])) break;
    pos = end + 1;
  }
  for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
    for (size_t end = run->second - 1; end > run->first; --end) {
      if (auto tail = MatchTail(text, end)) return Split{text.substr(start, end - start), *tail};
    }
  }
  return std::nullopt;
}

int Order(auto a, auto b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::vector<std::string_view> SplitDots(std::string_view text) {
  std::vector<std::string_view> parts;
  for (size_t at; (at = text.find('.')) != std::string_view::npos;) {
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

// hashicorp's comparePart; equal numbers compare equal.
int ComparePreReleasePart(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  auto a_number = go_strconv::ParseInt(a);
  auto b_number = go_strconv::ParseInt(b);
  // A missing part ranks below a number and above a word.
  if (a.empty()) return b_number.ok() ? -1 : 1;
  if (b.empty()) return a_number.ok() ? 1 : -1;
  if (a_number.ok() != b_number.ok()) return a_number.ok() ? -1 : 1;
  if (a_number.ok()) return Order(*a_number, *b_number);
  return Order(a, b);
}

int ComparePreReleases(std::string_view a, std::string_view b) {
  const auto a_parts = SplitDots(a);
  const auto b_parts = SplitDots(b);
  for (size_t i = 0; i < std::max(a_parts.size(), b_parts.size()); ++i) {
    const std::string_view a_part = i < a_parts.size() ? a_parts[i] : std::string_view();
    const std::string_view b_part = i < b_parts.size() ? b_parts[i] : std::string_view();
    if (int c = ComparePreReleasePart(a_part, b_part); c != 0) return c;
  }
  return 0;
}

}  // namespace

Result<LenientVersion> LenientVersion::Parse(std::string_view text) {
  if (text.size() > kMaxTextLength) {
    return BadRequest("Malformed version: longer than " + std::to_string(kMaxTextLength) +
                      " characters");
  }
  const std::optional<Split> split = SplitVersion(text);
  if (!split) return BadRequest("Malformed version: " + std::string(text));
  LenientVersion v;
  for (std::string_view number : SplitDots(split->numbers)) {
    auto segment = go_strconv::ParseInt(number);
    if (!segment.ok()) return BadRequest("Error parsing version: " + segment.status().message());
    v.segments_.push_back(*segment);
  }
  if (v.segments_.size() < 3) v.segments_.resize(3, 0);
  v.original_ = std::string(text);
  v.pre_release_ = std::string(split->tail.pre_release);
  v.metadata_ = std::string(split->tail.metadata);
  return v;
}

std::string LenientVersion::Normalized() const {
  std::string out;
  for (size_t i = 0; i < segments_.size(); ++i) {
    if (i > 0) out += '.';
    out += std::to_string(segments_[i]);
  }
  if (!pre_release_.empty()) out += "-" + pre_release_;
  if (!metadata_.empty()) out += "+" + metadata_;
  return out;
}

int LenientVersion::Compare(const LenientVersion& other) const {
  for (size_t i = 0; i < std::max(segments_.size(), other.segments_.size()); ++i) {
    const int64_t a = i < segments_.size() ? segments_[i] : 0;
    const int64_t b = i < other.segments_.size() ? other.segments_[i] : 0;
    if (a != b) return Order(a, b);
  }
  if (IsPreRelease() != other.IsPreRelease()) return IsPreRelease() ? -1 : 1;
  return ComparePreReleases(pre_release_, other.pre_release_);
}

}  // namespace navigator::api
