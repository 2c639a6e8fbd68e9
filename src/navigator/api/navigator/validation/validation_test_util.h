#pragma once

// Test helpers: errors as "<field>: <message>" strings, and fixtures decoded
// from v1alpha1 JSON through the real codec (which also applies defaults).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/navigator/codec.h"
#include "navigator/api/validation/field_errors.h"

namespace navigator::api::testing_util {

inline std::vector<std::string> Strings(const FieldErrorList& errs) {
  std::vector<std::string> out;
  for (const StatusCause& c : errs) out.push_back(FieldErrorString(c));
  return out;
}

template <typename T>
T Decode(std::string_view json) {
  auto decoded = DecodeObject<T>(json);
  if (!decoded.ok()) {
    ADD_FAILURE() << "fixture does not decode: " << decoded.status().ToString();
    return T{};
  }
  return std::move(decoded->object);
}

// A version field as decoding `json` (e.g. `"3.11"` or `3.11`) makes it.
template <typename V>
VersionField<V> Version(std::string_view json) {
  VersionField<V> out;
  DecodeContext ctx;
  JsonTraits<VersionField<V>>::Decode(boost::json::parse(json), out, ctx);
  EXPECT_TRUE(ctx.errors().empty()) << json;
  return out;
}

inline Quantity Q(std::string_view text) {
  auto q = Quantity::Parse(text);
  if (!q.ok()) {
    ADD_FAILURE() << "bad quantity " << text;
    return Quantity();
  }
  return *q;
}

// One row of a table-driven test: `mutate` turns a valid fixture into the
// case, `errors` lists every expected "<field>: <message>" in order.
template <typename T>
struct MutationCase {
  std::string name;
  std::function<void(T&)> mutate;
  std::vector<std::string> errors;

  friend void PrintTo(const MutationCase& c, std::ostream* os) { *os << c.name; }
};

// One row of an update test: `mutate_old` and `mutate_new` derive the old and
// new objects from the same valid fixture.
template <typename T>
struct UpdateCase {
  std::string name;
  std::function<void(T&)> mutate_old;
  std::function<void(T&)> mutate_new;
  std::vector<std::string> errors;

  friend void PrintTo(const UpdateCase& c, std::ostream* os) { *os << c.name; }
};

inline constexpr auto kCaseName = [](const auto& info) {
  return info.param.name;
};

inline constexpr auto kUnchanged = [](auto&) {
};

}  // namespace navigator::api::testing_util
