#include "navigator/apiserver/media_type.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace navigator::apiserver {
namespace {

constexpr std::string_view kMetaGroup = "meta.k8s.io";
constexpr std::string_view kDiscoveryGroup = "apidiscovery.k8s.io";

// What each negotiation serves, for 406 messages (kube lists its media types).
constexpr std::string_view kResourceServed =
    "application/json, application/json;as=Table;v=v1;g=meta.k8s.io, "
    "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io, "
    "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io (v=v1beta1 is also "
    "accepted for meta.k8s.io)";
constexpr std::string_view kDiscoveryServed =
    "application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
constexpr std::string_view kPlainServed = "application/json";

bool IsSpace(char c) {
  return c == ' ' || c == '\t';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 9110 tchar.
bool IsTokenChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `s` without surrounding double quotes and with backslash escapes undone, or
// as is when it is not quoted.
std::string Unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::string(s);
  s = s.substr(1, s.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out.push_back(s[i]);
  }
  return out;
}

// A q value: a decimal number (digits, optionally a '.' and more digits) in
// [0, 1]. Returns false for anything else.
bool ParseQ(std::string_view s, double& out) {
  if (s.empty() || s.size() > 16) return false;
  double value = 0;
  double scale = 1;
  bool seen_dot = false;
  bool seen_digit = false;
  for (char c : s) {
    if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_dot) {
        scale /= 10;
        value += (c - '0') * scale;
      } else {
        value = value * 10 + (c - '0');
      }
    } else {
      return false;
    }
  }
  if (!seen_digit || value > 1) return false;
  out = value;
  return true;
}

bool ParseRange(std::string_view clause, MediaRange& out) {
  const auto semi = clause.find(';');
  std::string_view type_part = Trim(clause.substr(0, semi));
  std::string_view rest = semi == std::string_view::npos ? "" : clause.substr(semi + 1);
  if (type_part == "*") type_part = "*/*";
  const auto slash = type_part.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view type = Trim(type_part.substr(0, slash));
  std::string_view subtype = Trim(type_part.substr(slash + 1));
  if (!IsToken(type) || !IsToken(subtype)) return false;  // also refuses a second '/'
  if (type == "*" && subtype != "*") return false;
  out.type = Lower(type);
  out.subtype = Lower(subtype);
  while (!rest.empty()) {
    const auto next = rest.find(';');
    std::string_view param = rest.substr(0, next);
    rest = next == std::string_view::npos ? "" : rest.substr(next + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = Lower(Trim(param.substr(0, eq)));
    std::string_view value = Trim(param.substr(eq + 1));
    if (!IsToken(name)) continue;
    if (name == "q") {
      if (!ParseQ(value, out.q)) return false;
      continue;
    }
    out.params.emplace_back(std::move(name), Unquote(value));
  }
  return true;
}

// Concrete types before wildcards; 0 is the most specific.
int Wildness(const MediaRange& r) {
  return (r.type == "*" ? 2 : 0) + (r.subtype == "*" ? 1 : 0);
}

// Whether the JSON serializer can answer `r` at all.
bool MatchesJson(const MediaRange& r) {
  if (r.q <= 0) return false;
  if (r.type == "*") return true;  // ParseRange allows only "*/*"
  return r.type == "application" && (r.subtype == "json" || r.subtype == "*");
}

// The parameters every negotiation checks: a stream other than watch, or a
// server version other than `server_version` (empty: none allowed), rule the
// range out.
bool StreamAndServerVersionOk(const MediaRange& r, std::string_view server_version) {
  if (const std::string* stream = r.Param("stream"); stream && !stream->empty()) {
    if (*stream != "watch") return false;
  }
  if (const std::string* sv = r.Param("sv"); sv && !sv->empty()) {
    if (server_version.empty() || *sv != server_version) return false;
  }
  return true;
}

struct Conversion {
  bool requested = false;  // any of as, g, v present
  std::string kind, group, version;
};

Conversion ConversionOf(const MediaRange& r) {
  Conversion c;
  for (auto [name, field] :
       {std::pair{"as", &c.kind}, std::pair{"g", &c.group}, std::pair{"v", &c.version}}) {
    if (const std::string* value = r.Param(name)) {
      c.requested = true;
      *field = *value;
    }
  }
  return c;
}

bool IsBlank(std::string_view accept) {
  return Trim(accept).empty();
}

// The header as it may be echoed in a message: printable ASCII, bounded.
std::string Echo(std::string_view accept) {
  constexpr std::size_t kMax = 256;
  std::string out;
  for (std::size_t i = 0; i < accept.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(accept[i]);
    out.push_back(c >= 0x20 && c < 0x7f && c != '"' ? static_cast<char>(c) : '?');
  }
  if (accept.size() > kMax) out += "...";
  return out;
}

Status NotAcceptable(std::string_view served, std::string_view accept) {
  return Status(StatusCode::kNotAcceptable,
                fmt::format("only the following media types are accepted: {}; the Accept header "
                            "\"{}\" names none of them",
                            served, Echo(accept)));
}

std::string_view FormKind(OutputForm form) {
  switch (form) {
    case OutputForm::kTable:
      return "Table";
    case OutputForm::kPartialObjectMetadata:
      return "PartialObjectMetadata";
    case OutputForm::kPartialObjectMetadataList:
      return "PartialObjectMetadataList";
    case OutputForm::kApiGroupDiscoveryList:
      return "APIGroupDiscoveryList";
    case OutputForm::kObject:
      break;
  }
  return "";
}

}  // namespace

const std::string* MediaRange::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::vector<MediaRange> ParseAccept(std::string_view accept) {
  std::vector<MediaRange> ranges;
  while (true) {
    const auto comma = accept.find(',');
    const std::string_view clause = Trim(accept.substr(0, comma));
    MediaRange range;
    if (!clause.empty() && ParseRange(clause, range)) ranges.push_back(std::move(range));
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  std::stable_sort(ranges.begin(), ranges.end(), [](const MediaRange& a, const MediaRange& b) {
    if (a.q != b.q) return a.q > b.q;
    return Wildness(a) < Wildness(b);
  });
  return ranges;
}

Result<Negotiated> NegotiateResourceOutput(std::string_view accept) {
  if (IsBlank(accept)) return Negotiated{};
  for (const MediaRange& r : ParseAccept(accept)) {
    if (!MatchesJson(r) || !StreamAndServerVersionOk(r, "v1")) continue;
    const Conversion c = ConversionOf(r);
    if (!c.requested) return Negotiated{};
    if (c.group != kMetaGroup || (c.version != "v1" && c.version != "v1beta1")) continue;
    Negotiated n;
    if (c.kind == "Table") {
      n.form = OutputForm::kTable;
    } else if (c.kind == "PartialObjectMetadata") {
      n.form = OutputForm::kPartialObjectMetadata;
    } else if (c.kind == "PartialObjectMetadataList") {
      n.form = OutputForm::kPartialObjectMetadataList;
    } else {
      continue;
    }
    n.api_version = fmt::format("{}/{}", kMetaGroup, c.version);
    return n;
  }
  return NotAcceptable(kResourceServed, accept);
}

Result<Negotiated> NegotiateDiscoveryOutput(std::string_view accept) {
  if (IsBlank(accept)) return Negotiated{};
  for (const MediaRange& r : ParseAccept(accept)) {
    if (!MatchesJson(r) || !StreamAndServerVersionOk(r, "")) continue;
    const Conversion c = ConversionOf(r);
    if (c.group == kDiscoveryGroup && c.version == "v2" && c.kind == "APIGroupDiscoveryList") {
      Negotiated n;
      n.form = OutputForm::kApiGroupDiscoveryList;
      n.api_version = fmt::format("{}/v2", kDiscoveryGroup);
      n.content_type = std::string(kAggregatedDiscoveryContentType);
      return n;
    }
  }
  auto plain = NegotiatePlainOutput(accept);
  if (!plain.ok()) return NotAcceptable(kDiscoveryServed, accept);
  return plain;
}

Result<Negotiated> NegotiatePlainOutput(std::string_view accept) {
  if (IsBlank(accept)) return Negotiated{};
  for (const MediaRange& r : ParseAccept(accept)) {
    if (!MatchesJson(r) || !StreamAndServerVersionOk(r, "")) continue;
    if (!ConversionOf(r).requested) return Negotiated{};
  }
  return NotAcceptable(kPlainServed, accept);
}

Status CheckOutputFormFits(const Negotiated& negotiated, bool is_list) {
  if (negotiated.form == OutputForm::kPartialObjectMetadata && is_list) {
    return Status(StatusCode::kNotAcceptable,
                  "you requested PartialObjectMetadata, but the requested object is a list: ask "
                  "for as=PartialObjectMetadataList");
  }
  if (negotiated.form == OutputForm::kPartialObjectMetadataList && !is_list) {
    return Status(StatusCode::kNotAcceptable,
                  "you requested PartialObjectMetadataList, but the requested object is not a "
                  "list: ask for as=PartialObjectMetadata");
  }
  if (negotiated.form == OutputForm::kApiGroupDiscoveryList) {
    return Status(StatusCode::kNotAcceptable,
                  fmt::format("{} is served only by /api and /apis", FormKind(negotiated.form)));
  }
  return OkStatus();
}

}  // namespace navigator::apiserver
