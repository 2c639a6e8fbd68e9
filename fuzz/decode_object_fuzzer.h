#pragma once

// The decode harness shared by the three Navigator kinds: one
// LLVMFuzzerTestOneInput per kind calls FuzzDecodeObject<Kind>.
//
// For any body:
//  - DecodeObject never crashes; with relaxed options (duplicates reported,
//    type meta optional) it accepts whatever the strict options accept, with
//    the same object and unknown fields;
//  - validation (when built) never crashes, and names a field for every error.
// For a body that decodes (object A, encoded as B, as the store writes it):
//  - B decodes strictly (as the store reads it) to A' with no unknown or
//    duplicate fields, and A' is equivalent to A: equal, except that a version
//    that parsed is compared by its written-back form (Elasticsearch versions
//    are normalised on write: "05.6.2" is stored as "5.6.2");
//  - A' encodes to exactly B again and decodes to an object equal to A'
//    (except for doubles inside arbitrary JSON such as managedFields[].fieldsV1,
//    which may move by an ULP or two: see json_close.h);
//  - if A is valid, so is A', and updating A to A, or A to A', is valid
//    (both given a resourceVersion, as the store requires for updates).

#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "fuzz_check.h"
#include "json_close.h"
#include "navigator/api/navigator/codec.h"

#if defined(NAVIGATOR_FUZZ_HAVE_VALIDATION)
#include "navigator/api/navigator/validation/cassandra_validation.h"
#include "navigator/api/navigator/validation/elasticsearch_validation.h"
#include "navigator/api/navigator/validation/pilot_validation.h"
#endif

namespace navigator::fuzz {

// ------------------------------------------------- equivalence after a store

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsStringMap : std::false_type {};
template <typename T>
struct IsStringMap<std::map<std::string, T>> : std::true_type {};
template <typename T>
struct IsVersionField : std::false_type {};
template <typename V>
struct IsVersionField<api::VersionField<V>> : std::true_type {};

template <typename S, typename M>
std::string_view FieldName(const api::FieldDescriptor<S, M>& f) {
  return f.name;
}
template <typename S, typename M>
std::string_view FieldName(const api::InlineDescriptor<S, M>&) {
  return {};
}

// Whether `b` (decoded from the encoding of `a`) holds what `a` holds. On a
// difference, `where` is its JSON path.
template <typename T>
bool Equivalent(const T& a, const T& b, std::string& where) {
  if constexpr (IsVersionField<T>::value) {
    if (a.parsed) {
      if (!b.parsed || !b.received_string || b.text != api::WireText(*a.parsed) ||
          b.parsed->Compare(*a.parsed) != 0) {
        where += " (version \"" + a.text + "\" -> \"" + b.text + "\")";
        return false;
      }
      return true;
    }
    if (a.text != b.text) {
      where += " (version \"" + a.text + "\" -> \"" + b.text + "\")";
      return false;
    }
    return true;
  } else if constexpr (IsOptional<T>::value) {
    if (a.has_value() != b.has_value()) {
      where += a.has_value() ? " (set -> unset)" : " (unset -> set)";
      return false;
    }
    return !a || Equivalent(*a, *b, where);
  } else if constexpr (IsVector<T>::value) {
    if (a.size() != b.size()) {
      where += " (length " + std::to_string(a.size()) + " -> " + std::to_string(b.size()) + ")";
      return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::size_t saved = where.size();
      where += "[" + std::to_string(i) + "]";
      if (!Equivalent(a[i], b[i], where)) return false;
      where.resize(saved);
    }
    return true;
  } else if constexpr (IsStringMap<T>::value) {
    if (a.size() != b.size()) {
      where += " (size " + std::to_string(a.size()) + " -> " + std::to_string(b.size()) + ")";
      return false;
    }
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
      const std::size_t saved = where.size();
      where += "[" + Printable(ia->first, 64) + "]";
      if (ia->first != ib->first) return false;
      if (!Equivalent(ia->second, ib->second, where)) return false;
      where.resize(saved);
    }
    return true;
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    if (JsonClose(a, b)) return true;
    where += " (" + boost::json::serialize(a) + " -> " + boost::json::serialize(b) + ")";
    return false;
  } else if constexpr (api::JsonStruct<T>) {
    return std::apply(
        [&](const auto&... f) {
          [[maybe_unused]] const auto one = [&](const auto& field) {
            const std::size_t saved = where.size();
            if (!FieldName(field).empty()) where += "." + std::string(FieldName(field));
            if (!Equivalent(a.*(field.member), b.*(field.member), where)) return false;
            where.resize(saved);
            return true;
          };
          return (one(f) && ...);
        },
        T::JsonFields());
  } else {
    if (a == b) return true;
    where += " (differs)";
    return false;
  }
}

// ------------------------------------------------------------- validation

#if defined(NAVIGATOR_FUZZ_HAVE_VALIDATION)
inline api::FieldErrorList Validate(const api::ElasticsearchCluster& c) {
  return api::ValidateElasticsearchCluster(c);
}
inline api::FieldErrorList ValidateUpdate(const api::ElasticsearchCluster& o,
                                          const api::ElasticsearchCluster& n) {
  return api::ValidateElasticsearchClusterUpdate(o, n);
}
inline api::FieldErrorList Validate(const api::CassandraCluster& c) {
  return api::ValidateCassandraCluster(c);
}
inline api::FieldErrorList ValidateUpdate(const api::CassandraCluster& o,
                                          const api::CassandraCluster& n) {
  return api::ValidateCassandraClusterUpdate(o, n);
}
inline api::FieldErrorList Validate(const api::Pilot& p) {
  return api::ValidatePilot(p);
}
inline api::FieldErrorList ValidateUpdate(const api::Pilot& o, const api::Pilot& n) {
  return api::ValidatePilotUpdate(o, n);
}

// Every error names a field; the 422 renders.
template <typename T>
void CheckErrors(const api::FieldErrorList& errs, const T& object) {
  for (const StatusCause& cause : errs) {
    FUZZ_CHECK(!cause.type.empty() && !cause.message.empty(),
               "error " + cause.type + " at " + cause.field + ": " + cause.message);
  }
  const Status status =
      api::ToInvalidStatus(api::KindTraits<T>::kInfo.kind, object.metadata.name, errs);
  FUZZ_CHECK(status.ok() == errs.empty(), status.ToString());
}

inline std::string Describe(const api::FieldErrorList& errs) {
  return errs.empty() ? "no errors" : api::AggregateMessage(errs);
}
#endif

// ----------------------------------------------------------------- harness

template <typename T>
int FuzzDecodeObject(const uint8_t* data, std::size_t size) {
  const std::string_view text = AsText(data, size);
  auto strict = api::DecodeObject<T>(text);
  auto relaxed =
      api::DecodeObject<T>(text, {.report_duplicates = true, .allow_missing_type_meta = true});
  if (strict.ok()) {
    FUZZ_CHECK(relaxed.ok(), relaxed.status().ToString());
    FUZZ_CHECK(relaxed->object == strict->object, "input " + Printable(text));
    FUZZ_CHECK(relaxed->unknown_fields == strict->unknown_fields, "input " + Printable(text));
    FUZZ_CHECK(strict->duplicate_fields.empty(), "input " + Printable(text));
  } else {
    FUZZ_CHECK(strict.status().code() == StatusCode::kBadRequest, strict.status().ToString());
  }
  if (!relaxed.ok()) return 0;
  const T& a = relaxed->object;

  // What the store writes, and reads back.
  const std::string b = boost::json::serialize(api::EncodeObject(a));
  auto a2 = api::DecodeObject<T>(b);
  FUZZ_CHECK(a2.ok(), "the encoding " + Printable(b) + " of input " + Printable(text) +
                          " does not decode: " + (a2.ok() ? "" : a2.status().message()));
  FUZZ_CHECK(a2->unknown_fields.empty(),
             "unknown " + a2->unknown_fields.front() + " in " + Printable(b));
  std::string where;
  FUZZ_CHECK(
      Equivalent(a, a2->object, where),
      "input " + Printable(text) + " encoded " + Printable(b) + " decodes differently at " + where);
  const std::string b2 = boost::json::serialize(api::EncodeObject(a2->object));
  FUZZ_CHECK(b2 == b || JsonClose(boost::json::parse(b), boost::json::parse(b2)),
             "encoding is not stable: " + Printable(b) + " then " + Printable(b2));
  auto a3 = api::DecodeObject<T>(b2);
  FUZZ_CHECK(a3.ok(), "re-decoding " + Printable(b2));
  where.clear();
  FUZZ_CHECK(Equivalent(a2->object, a3->object, where),
             "re-decoding " + Printable(b2) + " differs at " + where);

#if defined(NAVIGATOR_FUZZ_HAVE_VALIDATION)
  const api::FieldErrorList errs = Validate(a);
  CheckErrors(errs, a);
  const api::FieldErrorList stored_errs = Validate(a2->object);
  CheckErrors(stored_errs, a2->object);
  // An update names the resourceVersion it replaces (the store refuses one
  // without), so give both sides one when the input has none.
  T old_object = a;
  T new_object = a;
  T stored_object = a2->object;
  if (a.metadata.resource_version.empty()) {
    old_object.metadata.resource_version = "1";
    new_object.metadata.resource_version = "1";
    stored_object.metadata.resource_version = "1";
  }
  const api::FieldErrorList self_update = ValidateUpdate(old_object, new_object);
  CheckErrors(self_update, new_object);
  const api::FieldErrorList stored_update = ValidateUpdate(old_object, stored_object);
  CheckErrors(stored_update, stored_object);
  if (errs.empty()) {
    FUZZ_CHECK(self_update.empty(), "valid input " + Printable(text) +
                                        " cannot be updated to itself: " + Describe(self_update));
    FUZZ_CHECK(stored_errs.empty(), "valid input " + Printable(text) + " stored as " +
                                        Printable(b) + " is invalid: " + Describe(stored_errs));
    FUZZ_CHECK(stored_update.empty(), "valid input " + Printable(text) +
                                          " cannot be updated to its stored form " + Printable(b) +
                                          ": " + Describe(stored_update));
  }
#endif
  return 0;
}

}  // namespace navigator::fuzz
