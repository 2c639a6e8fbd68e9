// navigator::kube's preserving codec (kube/preserving.h): each input, parsed
// with api::ParseJson, is decoded as several Kubernetes kinds
// (kube::Decode<T>), encoded (kube::Encode) and decoded again.
//
// Properties, per kind:
//  - errors are kBadRequest with a message, and every cause names a field
//    unless the whole body is wrong (not an object, another kind);
//  - an accepted object encodes to JSON that decodes again, to an object
//    that encodes to the same JSON (the encoding is stable) and decodes to
//    an equal object;
//  - nothing is lost: every top-level key the struct does not model is in
//    the encoding with its value unchanged, and so is every key of
//    metadata that ObjectMeta does not model.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/api/codec/json_parse.h"
#include "navigator/kube/kinds.h"

namespace {

namespace json = boost::json;
namespace kube = navigator::kube;
namespace api = navigator::api;
using navigator::Result;
using navigator::fuzz::Printable;

// Keys of `in` that `T` does not model must be in `out` unchanged.
template <typename T>
void CheckKept(const json::value& in, const json::object& out, std::string_view text,
               std::string_view where) {
  const json::object* obj = in.if_object();
  if (obj == nullptr) return;
  for (const auto& kv : *obj) {
    if (api::codec_internal::StructHasKey<T>(kv.key())) continue;
    const json::value* kept = out.if_contains(kv.key());
    FUZZ_CHECK(kept != nullptr && *kept == kv.value(),
               "input " + Printable(text) + " lost " + std::string(where) + std::string(kv.key()) +
                   " in " + Printable(json::serialize(out)));
  }
}

template <kube::Resource T>
void Check(const json::value& input, std::string_view text) {
  Result<T> a = kube::Decode<T>(input);
  if (!a.ok()) {
    FUZZ_CHECK(a.status().code() == navigator::StatusCode::kBadRequest, a.status().ToString());
    FUZZ_CHECK(!a.status().message().empty(), "empty message for " + Printable(text));
    return;
  }
  const json::object e1 = kube::Encode(*a);
  CheckKept<T>(input, e1, text, "");
  if (const json::value* meta = input.as_object().if_contains("metadata");
      meta != nullptr && meta->is_object()) {
    CheckKept<kube::ObjectMeta>(*meta, e1.at("metadata").as_object(), text, "metadata.");
  }

  Result<T> b = kube::Decode<T>(e1);
  FUZZ_CHECK(b.ok(), "input " + Printable(text) + " encoded as " + Printable(json::serialize(e1)) +
                         " does not decode: " + (b.ok() ? "" : b.status().message()));
  const json::object e2 = kube::Encode(*b);
  FUZZ_CHECK(e1 == e2, "encoding is not stable: " + Printable(json::serialize(e1)) + " then " +
                           Printable(json::serialize(e2)));
  Result<T> c = kube::Decode<T>(e2);
  FUZZ_CHECK(c.ok() && *c == *b, "re-decoding " + Printable(json::serialize(e2)) + " differs");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  Result<api::ParsedJson> parsed = api::ParseJson(text);
  if (!parsed.ok()) return 0;
  const json::value& v = parsed->value;
  Check<kube::StatefulSet>(v, text);
  Check<kube::Pod>(v, text);
  Check<kube::Service>(v, text);
  Check<kube::PodDisruptionBudget>(v, text);
  Check<kube::Lease>(v, text);
  Check<kube::Secret>(v, text);
  Check<kube::Event>(v, text);
  Check<kube::Node>(v, text);
  Check<kube::PersistentVolumeClaim>(v, text);
  return 0;
}
