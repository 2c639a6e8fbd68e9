#pragma once

// Bounded reading of the small JSON documents authn takes from the cluster
// (TokenReview answers, the extension-apiserver-authentication ConfigMap):
// a parse with size and depth limits, and typed access to optional members
// with errors that name the field. Internal to authn.

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::authn::internal {

// Nesting deeper than this is refused.
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses `text` as one JSON document (UTF-8, no comments, nothing after it).
// BadRequest "<what>: ..." when it is longer than `max_bytes`, malformed or
// nested deeper than kMaxJsonDepth.
Result<boost::json::value> ParseJsonDocument(std::string_view text, std::size_t max_bytes,
                                             std::string_view what);

// The member `key` of `object`, or nullptr when it is absent or null (Go's
// decoding leaves a field at its zero value for both).
const boost::json::value* Member(const boost::json::object& object, std::string_view key);

// `value` as an object; BadRequest "<path>: must be an object" otherwise.
Result<const boost::json::object*> AsObject(const boost::json::value& value, std::string_view path);

// Reads member `key` of `object` into `out` when it is present and not null,
// leaving `out` unchanged otherwise. BadRequest "<path>.<key>: must be a ..."
// when the member has another type.
Status ReadString(const boost::json::object& object, std::string_view key, std::string_view path,
                  std::string& out);
Status ReadBool(const boost::json::object& object, std::string_view key, std::string_view path,
                bool& out);

// `value` (not null) as a list of strings; BadRequest naming `path` or the
// offending element ("<path>[3]: must be a string").
Result<std::vector<std::string>> StringList(const boost::json::value& value, std::string_view path);

}  // namespace navigator::authn::internal
