#pragma once

// Output content negotiation: which form a response takes, chosen from the
// request's Accept header the way kube-apiserver chooses it
// (k8s.io/apiserver/pkg/endpoints/handlers/negotiation). Only JSON is served;
// a media range asking for YAML, protobuf or CBOR is skipped in favour of the
// next one, and a header with no acceptable range is a 406.
//
// All functions here are pure and thread-safe.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::apiserver {

// One media range of an Accept header, e.g. `application/json;as=Table;v=v1;g=meta.k8s.io`.
struct MediaRange {
  std::string type;     // lower-cased; "*" for a wildcard
  std::string subtype;  // lower-cased; "*" for a wildcard
  double q = 1.0;       // in [0, 1]
  // Parameters other than q, in order: names lower-cased, values unquoted and
  // kept as written (kube compares `as`, `g` and `v` case-sensitively).
  std::vector<std::pair<std::string, std::string>> params;

  // The value of the first parameter `name` (lower-case), or nullptr.
  const std::string* Param(std::string_view name) const;
};

// Splits an Accept header into its media ranges, most preferred first: by q
// (higher first), then concrete types before wildcards, then header order.
// Malformed ranges are dropped, as kube drops them: a range without exactly
// one '/' (a lone "*" means "*/*"), an empty or non-token type or subtype, a
// "*/json"-style range, or an invalid q (not a number in [0, 1]). Parameters
// without '=' are ignored. Never fails.
std::vector<MediaRange> ParseAccept(std::string_view accept);

enum class OutputForm {
  kObject,                     // the object or list itself (application/json)
  kTable,                      // meta.k8s.io Table
  kPartialObjectMetadata,      // meta.k8s.io PartialObjectMetadata (single objects, watch events)
  kPartialObjectMetadataList,  // meta.k8s.io PartialObjectMetadataList (lists)
  kApiGroupDiscoveryList,      // apidiscovery.k8s.io/v2 APIGroupDiscoveryList (/api, /apis)
};

struct Negotiated {
  OutputForm form = OutputForm::kObject;
  // The group/version the client asked the converted form in:
  // "meta.k8s.io/v1" or "meta.k8s.io/v1beta1" for Table and
  // PartialObjectMetadata(List), "apidiscovery.k8s.io/v2" for discovery, ""
  // for kObject. Written as the converted object's apiVersion.
  std::string api_version;
  // The response's Content-Type. Kube answers plain "application/json" for
  // Table and PartialObjectMetadata(List), and names the GVK for aggregated
  // discovery.
  std::string content_type = "application/json";
};

// The Content-Type of an aggregated discovery response (parameters in kube's
// order g, v, as).
inline constexpr std::string_view kAggregatedDiscoveryContentType =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

// For resource requests (get, list, watch and the bodies of writes). An empty
// or blank header means kObject. The first acceptable range wins: one that
// matches application/json, whose `stream` parameter is absent, empty or
// "watch", whose `sv` is absent, empty or "v1", and that either has none of
// `as`, `g`, `v` (kObject) or asks for g=meta.k8s.io, v=v1 or v1beta1 and
// as=Table, PartialObjectMetadata or PartialObjectMetadataList. Other
// parameters (pretty, profile, charset, ...) are ignored. q=0 ranges are
// never acceptable. Nothing acceptable: kNotAcceptable listing what is served.
Result<Negotiated> NegotiateResourceOutput(std::string_view accept);

// For /api and /apis. kApiGroupDiscoveryList when any acceptable JSON range
// asks for g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList -- as in kube,
// such a range wins over a plain JSON range even when listed after it (kube
// 1.35+ no longer serves v2beta1, and kubectl 1.36 asks only for v2).
// Otherwise as NegotiatePlainOutput.
Result<Negotiated> NegotiateDiscoveryOutput(std::string_view accept);

// For every other JSON document (/version, /openapi/v3, /apis/<group>,
// /apis/<group>/<version>): kObject when an acceptable range matches
// application/json without asking for a conversion (`as`, `g` or `v`).
Result<Negotiated> NegotiatePlainOutput(std::string_view accept);

// Whether `negotiated` can be applied to a response that is (`is_list`) or is
// not a list; kube checks this after negotiation, so a mismatch is a 406 and
// does not fall back to the next media range. PartialObjectMetadata needs a
// single object, PartialObjectMetadataList a list; other forms fit both. For
// watch events (single objects) pass is_list = false.
Status CheckOutputFormFits(const Negotiated& negotiated, bool is_list);

}  // namespace navigator::apiserver
