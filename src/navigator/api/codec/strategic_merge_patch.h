#pragma once

// Strategic merge patch (application/strategic-merge-patch+json), the
// semantics of k8s.io/apimachinery/pkg/util/strategicpatch, driven by an
// inline OpenAPI v3 schema.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "navigator/base/status.h"

namespace navigator::api {

// Applies the strategic merge patch `patch` (a JSON object) to `doc` (a JSON
// object). All or nothing: on error `doc` is unchanged.
//
// `schema` describes `doc` as an inline OpenAPI v3 schema (no $ref): objects
// have `properties` and/or `additionalProperties`, arrays `items`; a list
// field may carry `x-kubernetes-patch-strategy` ("merge", "retainKeys",
// "merge,retainKeys"; "replace" on an object field) and
// `x-kubernetes-patch-merge-key`. A field the schema does not describe
// (x-kubernetes-preserve-unknown-fields subtrees included) has no strategy:
// objects merge key by key and lists are replaced, as in RFC 7386.
//
// Semantics, as kube-apiserver's (checked against the test cases of
// k8s.io/apimachinery/pkg/util/strategicpatch):
//  - `null` removes a field; objects merge recursively; scalars and lists
//    without the merge strategy are replaced.
//  - A list with strategy merge and a merge key merges element by element
//    by the key's value; `{"<key>": v, "$patch": "delete"}` removes the
//    elements with that key, `{"$patch": "replace"}` as an element makes the
//    list exactly the patch's other elements. A merge list of scalars is a
//    set union. Elements the patch names come in the patch's order; the
//    others keep their order and go before a named element that followed
//    them in the old list (so an element the patch adds comes before the
//    old elements not named, as in kube).
//  - `"$patch": "replace"` in an object makes it exactly the patch's other
//    members; `"$patch": "delete"` empties it (an absent field stays absent).
//  - `"$deleteFromPrimitiveList/<field>": [...]` removes those values from a
//    list of scalars (after everything else in the object).
//  - `"$setElementOrder/<field>": [...]` orders the merged list: the listed
//    elements (scalars, or objects holding the merge key) in that order, the
//    others interleaved by their old place.
//  - `"$retainKeys": [...]` clears the object's fields not listed; every
//    field the patch sets must be listed.
// Directives never reach the result, also where a patch value is taken
// whole (new fields, replaced lists, new list elements), where null members
// of objects are dropped too (kube's discardNullValuesFromPatch); that is the
// one difference from RFC 7386 for a patch without directives under a schema
// without strategies.
//
// Errors: kBadRequest for a patch that is not an object and for malformed
// directives (unknown `$patch` value, a `$setElementOrder`,
// `$deleteFromPrimitiveList` or `$retainKeys` that is not a list or does not
// match, a merge-list element without its merge key or that is not an
// object, mixed element types), with kube's wording prefixed by the field
// path ("spec.nodePools[0]: map: {...} does not contain declared merge key:
// name"); kInvalid for lists of lists (kube's 422); kInternal when `doc` is
// not an object or the schema has a strategy other than those above. The
// patch may nest at most 200 levels. kube answers 500 for most of these
// (only its named mergepatch errors are 400/422); ours are the client's
// fault, so 400.
// Thread-safe: a pure function of its arguments.
Status ApplyStrategicMergePatch(boost::json::value& doc, const boost::json::value& patch,
                                const boost::json::object& schema);

// True when some object in `patch` has a strategic merge patch directive:
// `$patch`, `$retainKeys`, `$setElementOrder/...` or
// `$deleteFromPrimitiveList/...`.
bool HasStrategicPatchDirectives(const boost::json::value& patch);

}  // namespace navigator::api
