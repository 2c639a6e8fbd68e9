// navigator::apiserver::ParseAccept and the three output negotiations
// (resource, discovery, plain) over arbitrary Accept headers.
//
// Properties:
//  - every parsed range has lower-case token type and subtype, never "*/x",
//    a q in [0, 1], and lower-case token parameter names other than q;
//  - ranges come sorted: q never increases, and at equal q wildcards never
//    precede concrete types;
//  - each range, written again on its own (parameters quoted), parses to the
//    same type, subtype and parameters;
//  - every negotiation either succeeds or is a NotAcceptable with a bounded
//    message; a converted form names its apiVersion and content type;
//  - whatever the plain negotiation accepts, the resource and discovery ones
//    accept too; and "application/json" put first is always served as kObject.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/apiserver/media_type.h"

using navigator::fuzz::Printable;
namespace apiserver = navigator::apiserver;

namespace {

bool IsLowerToken(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok || u >= 0x80) return false;
  }
  return true;
}

int Wildness(const apiserver::MediaRange& r) {
  return (r.type == "*" ? 2 : 0) + (r.subtype == "*" ? 1 : 0);
}

std::string Quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string Render(const apiserver::MediaRange& r) {
  std::string out = r.type + "/" + r.subtype;
  for (const auto& [name, value] : r.params) out += ";" + name + "=" + Quoted(value);
  return out;
}

void CheckNegotiated(const navigator::Result<apiserver::Negotiated>& n, std::string_view text,
                     const char* which) {
  if (!n.ok()) {
    FUZZ_CHECK(n.status().code() == navigator::StatusCode::kNotAcceptable,
               std::string(which) + ": " + n.status().ToString());
    FUZZ_CHECK(n.status().message().size() < 1024,
               std::string(which) + " message too long for " + Printable(text));
    return;
  }
  using apiserver::OutputForm;
  switch (n->form) {
    case OutputForm::kObject:
      FUZZ_CHECK(n->api_version.empty() && n->content_type == "application/json",
                 std::string(which) + ": " + Printable(text));
      break;
    case OutputForm::kTable:
    case OutputForm::kPartialObjectMetadata:
    case OutputForm::kPartialObjectMetadataList:
      FUZZ_CHECK(n->api_version == "meta.k8s.io/v1" || n->api_version == "meta.k8s.io/v1beta1",
                 std::string(which) + ": " + Printable(text));
      FUZZ_CHECK(n->content_type == "application/json",
                 std::string(which) + ": " + Printable(text));
      break;
    case OutputForm::kApiGroupDiscoveryList:
      FUZZ_CHECK(n->api_version == "apidiscovery.k8s.io/v2" &&
                     n->content_type == apiserver::kAggregatedDiscoveryContentType,
                 std::string(which) + ": " + Printable(text));
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);

  const auto ranges = apiserver::ParseAccept(text);
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto& r = ranges[i];
    FUZZ_CHECK(IsLowerToken(r.type) && IsLowerToken(r.subtype),
               "input " + Printable(text) + " gives " + Printable(Render(r)));
    FUZZ_CHECK(r.type != "*" || r.subtype == "*", "input " + Printable(text));
    FUZZ_CHECK(r.q >= 0 && r.q <= 1, "input " + Printable(text));
    for (const auto& [name, value] : r.params) {
      FUZZ_CHECK(IsLowerToken(name) && name != "q", "input " + Printable(text));
    }
    if (i > 0) {
      const auto& prev = ranges[i - 1];
      FUZZ_CHECK(prev.q > r.q || (prev.q == r.q && Wildness(prev) <= Wildness(r)),
                 "input " + Printable(text) + " is not sorted at range " + std::to_string(i));
    }
    const std::string again = Render(r);
    const auto reparsed = apiserver::ParseAccept(again);
    FUZZ_CHECK(reparsed.size() == 1 && reparsed[0].type == r.type &&
                   reparsed[0].subtype == r.subtype && reparsed[0].params == r.params,
               "input " + Printable(text) + ": range rendered as " + Printable(again) +
                   " parses differently");
  }

  const auto resource = apiserver::NegotiateResourceOutput(text);
  const auto discovery = apiserver::NegotiateDiscoveryOutput(text);
  const auto plain = apiserver::NegotiatePlainOutput(text);
  CheckNegotiated(resource, text, "resource");
  CheckNegotiated(discovery, text, "discovery");
  CheckNegotiated(plain, text, "plain");
  FUZZ_CHECK(!plain.ok() || plain->form == apiserver::OutputForm::kObject, Printable(text));
  if (plain.ok()) {
    FUZZ_CHECK(resource.ok() && discovery.ok(),
               "plain JSON accepted but not for resources or discovery: " + Printable(text));
  }
  if (resource.ok()) {
    FUZZ_CHECK(resource->form != apiserver::OutputForm::kApiGroupDiscoveryList, Printable(text));
  }

  const std::string json_first = "application/json," + std::string(text);
  const auto first = apiserver::NegotiateResourceOutput(json_first);
  FUZZ_CHECK(first.ok() && first->form == apiserver::OutputForm::kObject,
             "application/json first not served as the object: " + Printable(json_first));
  FUZZ_CHECK(apiserver::NegotiatePlainOutput(json_first).ok(), Printable(json_first));
  return 0;
}
