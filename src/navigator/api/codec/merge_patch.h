#pragma once

// JSON merge patch (RFC 7386).

#include <boost/json/value.hpp>

namespace navigator::api {

// Applies `patch` to `target` in place: objects merge key by key, `null`
// removes a key, anything else (arrays included) replaces. Recursion follows
// the patch, whose depth ParseJson bounds.
void ApplyMergePatch(boost::json::value& target, const boost::json::value& patch);

// True when some object key in `patch` starts with '$' (a strategic merge
// patch directive such as $patch or $setElementOrder/...).
bool HasPatchDirectives(const boost::json::value& patch);

}  // namespace navigator::api
