#pragma once

// JSON form of VersionField<V>: a quoted string. Elasticsearch versions are
// written back normalised (as coreos/go-semver does), Cassandra versions
// verbatim (as navigator's version.Version does); `WireText` picks the form.

#include <fmt/format.h>

#include "navigator/api/navigator/common.h"
#include "navigator/api/version/lenient_version.h"
#include "navigator/api/version/semver.h"

namespace navigator::api {

inline std::string WireText(const Semver& v) {
  return v.ToString();
}
inline std::string WireText(const LenientVersion& v) {
  return v.original();
}

template <typename V>
struct JsonTraits<VersionField<V>> {
  static void Decode(const boost::json::value& v, VersionField<V>& out, DecodeContext&) {
    out = VersionField<V>{};
    if (v.is_null()) return;
    if (const auto* s = v.if_string()) {
      out.text.assign(s->data(), s->size());
    } else {
      // A YAML `version: 3.11` arrives as a number; keep its text so the
      // validation error can show it and say to quote it.
      out.text = v.is_number() ? JsonNumberText(v) : boost::json::serialize(v);
      out.received_string = false;
      return;
    }
    if (auto parsed = V::Parse(out.text); parsed.ok()) out.parsed = std::move(*parsed);
  }
  static boost::json::value Encode(const VersionField<V>& in) {
    if (in.parsed) return boost::json::string(WireText(*in.parsed));
    return boost::json::string(in.text);
  }
  static bool IsEmpty(const VersionField<V>& in) { return in.text.empty(); }
};

}  // namespace navigator::api
