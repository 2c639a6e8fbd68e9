#pragma once

// JSON Patch (RFC 6902), as kube-apiserver applies it for
// application/json-patch+json.

#include <boost/json/value.hpp>
#include <cstddef>

#include "navigator/base/status.h"

namespace navigator::api {

struct JsonPatchLimits {
  // kube-apiserver's maxJSONPatchOperations.
  std::size_t max_operations = 10000;
  // Bytes that `copy` operations may add in all, written as JSON: kube's
  // JSONPatchMaxCopyBytes, the 3 MiB request body limit. Values added by
  // `add`, `replace` and `move` come from the patch or the document, so the
  // patched document is at most document + patch + this many bytes.
  std::size_t max_copy_bytes = 3 << 20;
  // Deepest nesting a value may be written at (`{"a":[1]}` nests 2 levels),
  // as ParseLimits bounds parsed documents: keeps later recursive code safe
  // from documents that `move` and `copy` would otherwise deepen.
  std::size_t max_depth = 100;
  // Values that checking `move`s into deeper places may visit in all.
  std::size_t max_move_scan_values = std::size_t{1} << 22;
};

// Applies `patch` (a JSON array of operations) to `doc`. All or nothing: on
// error `doc` is unchanged. Errors:
//   kBadRequest            the patch is malformed: not an array, an operation
//                          that is not an object, an unknown "op", a missing
//                          or non-string "path"/"from", a missing "value", a
//                          pointer that is not RFC 6901; checked for every
//                          operation before any is applied; the message names
//                          the operation's index
//   kRequestEntityTooLarge more than max_operations operations (kube's message)
//   kInvalid               an operation does not apply: a failed `test`, a
//                          path that does not exist, an array index out of
//                          range, a limit above exceeded. kube answers these
//                          422 too, with evanphx/json-patch's message (which
//                          ours follow), though its Status hides it behind
//                          "the server rejected our request due to an error
//                          in our request".
// Array indices follow RFC 6901 strictly: no leading zeros, no negative
// indices (evanphx/json-patch accepts both). `test` compares numbers by value
// (1 equals 1.0), as kube does.
// Thread-safe: a pure function of its arguments.
Status ApplyJsonPatch(boost::json::value& doc, const boost::json::value& patch,
                      const JsonPatchLimits& limits = {});

}  // namespace navigator::api
