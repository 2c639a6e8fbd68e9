#include "navigator/api/codec/strategic_merge_patch.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>
#include <string>

#include "navigator/api/codec/merge_patch.h"

namespace navigator::api {
namespace {

namespace bj = boost::json;

// Shaped like Navigator's kinds: merge lists keyed by name (node pools, and
// env nested inside them), type (conditions) and uid (owner references);
// finalizers a set of strings; a retainKeys field; a preserve-unknown-fields
// object; a plain list.
const bj::object& TestSchema() {
  static const bj::object schema = bj::parse(R"({
    "type": "object",
    "properties": {
      "metadata": {"type": "object", "properties": {
        "name": {"type": "string"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "finalizers": {"type": "array", "items": {"type": "string"},
                       "x-kubernetes-patch-strategy": "merge"},
        "ownerReferences": {"type": "array",
          "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge",
          "items": {"type": "object", "properties": {
            "uid": {"type": "string"}, "kind": {"type": "string"}, "name": {"type": "string"}}}}}},
      "spec": {"type": "object", "properties": {
        "version": {"type": "string"},
        "ports": {"type": "array", "items": {"type": "integer"}},
        "nodePools": {"type": "array",
          "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge",
          "items": {"type": "object", "properties": {
            "name": {"type": "string"},
            "replicas": {"type": "integer"},
            "roles": {"type": "array", "items": {"type": "string"}},
            "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
            "env": {"type": "array",
              "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge",
              "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "value": {"type": "string"}}}}}}},
        "strategy": {"type": "object", "x-kubernetes-patch-strategy": "retainKeys",
          "properties": {"type": {"type": "string"},
                         "rollingUpdate": {"type": "object", "properties": {
                           "maxUnavailable": {"type": "integer"}}}}},
        "image": {"type": "object", "x-kubernetes-patch-strategy": "replace",
          "properties": {"repository": {"type": "string"}, "tag": {"type": "string"}}}}},
      "status": {"type": "object", "properties": {
        "conditions": {"type": "array",
          "x-kubernetes-patch-merge-key": "type", "x-kubernetes-patch-strategy": "merge",
          "items": {"type": "object", "properties": {
            "type": {"type": "string"}, "status": {"type": "string"},
            "reason": {"type": "string"}}}}}}}
  })")
                                       .as_object();
  return schema;
}

struct Case {
  const char* name;
  const char* doc;
  const char* patch;
  const char* want;
};

const Case kApplies[] = {
    // Plain merging.
    {"null deletes a field", R"({"spec":{"version":"1","ports":[1]},"status":{}})",
     R"({"spec":{"version":null},"status":null,"absent":null})", R"({"spec":{"ports":[1]}})"},
    {"maps merge recursively", R"({"metadata":{"name":"a","labels":{"x":"1","y":"2"}}})",
     R"({"metadata":{"labels":{"y":"3","z":"4","x":null}}})",
     R"({"metadata":{"name":"a","labels":{"y":"3","z":"4"}}})"},
    {"lists without a strategy are replaced", R"({"spec":{"ports":[1,2,3]}})",
     R"({"spec":{"ports":[3,4]}})", R"({"spec":{"ports":[3,4]}})"},
    {"unknown fields: objects merge, lists are replaced",
     R"({"extra":{"a":1,"l":[1,2],"o":{"x":1}},"spec":{"other":[{"name":"a"}]}})",
     R"({"extra":{"b":2,"l":[3],"o":{"y":2}},"spec":{"other":[{"name":"b"}]}})",
     R"({"extra":{"a":1,"b":2,"l":[3],"o":{"x":1,"y":2}},"spec":{"other":[{"name":"b"}]}})"},
    {"preserve-unknown-fields objects merge like a merge patch",
     R"({"spec":{"nodePools":[{"name":"a","config":{"k":{"x":1,"y":2},"l":[{"name":"q"}]}}]}})",
     R"({"spec":{"nodePools":[{"name":"a","config":{"k":{"x":null,"z":3},"l":[{"name":"r"}]}}]}})",
     R"({"spec":{"nodePools":[{"name":"a","config":{"k":{"y":2,"z":3},"l":[{"name":"r"}]}}]}})"},
    {"a new value loses its null members", R"({})", R"({"spec":{"version":"1","x":null}})",
     R"({"spec":{"version":"1"}})"},
    {"a value of another type replaces", R"({"spec":{"version":{"a":1},"ports":"x"}})",
     R"({"spec":{"version":"2","ports":{"a":null,"b":1}}})",
     R"({"spec":{"version":"2","ports":{"b":1}}})"},
    {"an object field with the replace strategy is replaced",
     R"({"spec":{"image":{"repository":"r","tag":"1"}}})", R"({"spec":{"image":{"tag":"2"}}})",
     R"({"spec":{"image":{"tag":"2"}}})"},

    // Merge lists by key.
    {"node pools merge by name",
     R"({"spec":{"nodePools":[{"name":"a","replicas":1,"roles":["data"]},{"name":"b","replicas":2}]}})",
     R"({"spec":{"nodePools":[{"name":"b","replicas":3},{"name":"a","roles":["master"]}]}})",
     R"({"spec":{"nodePools":[{"name":"b","replicas":3},{"name":"a","replicas":1,"roles":["master"]}]}})"},
    {"a new element goes before the elements not in the patch (kube)",
     R"({"spec":{"nodePools":[{"name":"a"},{"name":"b"}]}})",
     R"({"spec":{"nodePools":[{"name":"c","replicas":1,"env":[{"name":"x","value":null}]}]}})",
     R"({"spec":{"nodePools":[{"name":"c","replicas":1,"env":[{"name":"x"}]},{"name":"a"},{"name":"b"}]}})"},
    {"server-only elements keep their place around patched ones",
     R"({"spec":{"nodePools":[{"name":"a"},{"name":"b"},{"name":"c"}]}})",
     R"({"spec":{"nodePools":[{"name":"b","replicas":1},{"name":"d"}]}})",
     R"({"spec":{"nodePools":[{"name":"a"},{"name":"b","replicas":1},{"name":"d"},{"name":"c"}]}})"},
    {"kube: preserve the order from the patch in a merging list",
     R"({"spec":{"nodePools":[{"name":"1"},{"name":"2","replicas":2},{"name":"3"}]}})",
     R"({"spec":{"nodePools":[{"name":"3","replicas":3},{"name":"1","replicas":1},{"name":"2","roles":[]}]}})",
     R"({"spec":{"nodePools":[{"name":"3","replicas":3},{"name":"1","replicas":1},{"name":"2","replicas":2,"roles":[]}]}})"},
    {"kube: preserve the order from the patch in a merging list 2",
     R"({"spec":{"nodePools":[{"name":"1"},{"name":"2","replicas":2},{"name":"3"}]}})",
     R"({"spec":{"nodePools":[{"name":"3","replicas":3},{"name":"1","replicas":1}]}})",
     R"({"spec":{"nodePools":[{"name":"2","replicas":2},{"name":"3","replicas":3},{"name":"1","replicas":1}]}})"},
    {"nested merge list",
     R"({"spec":{"nodePools":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}})",
     R"({"spec":{"nodePools":[{"name":"a","env":[{"name":"Y","value":"3"},{"name":"X","$patch":"delete"}]}]}})",
     R"({"spec":{"nodePools":[{"name":"a","env":[{"name":"Y","value":"3"}]}]}})"},
    {"conditions merge by type",
     R"({"status":{"conditions":[{"type":"Ready","status":"False","reason":"x"},{"type":"Synced","status":"True"}]}})",
     R"({"status":{"conditions":[{"type":"Ready","status":"True","reason":null}]}})",
     R"({"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Synced","status":"True"}]}})"},
    {"owner references merge by uid",
     R"({"metadata":{"ownerReferences":[{"uid":"1","kind":"A","name":"a"}]}})",
     R"({"metadata":{"ownerReferences":[{"uid":"1","name":"b"},{"uid":"2","kind":"B","name":"c"}]}})",
     R"({"metadata":{"ownerReferences":[{"uid":"1","kind":"A","name":"b"},{"uid":"2","kind":"B","name":"c"}]}})"},
    {"$patch: delete removes every element with the key",
     R"({"spec":{"nodePools":[{"name":"1"},{"name":"1"},{"name":"2","replicas":2},{"name":"3"},{"name":"3"}]}})",
     R"({"spec":{"nodePools":[{"name":"1","$patch":"delete"},{"name":"3","$patch":"delete"}]}})",
     R"({"spec":{"nodePools":[{"name":"2","replicas":2}]}})"},
    {"$patch: replace in a list",
     R"({"spec":{"nodePools":[{"name":"a","replicas":1},{"name":"b"}]}})",
     R"({"spec":{"nodePools":[{"name":"b","replicas":2,"x":null},{"$patch":"replace"}]}})",
     R"({"spec":{"nodePools":[{"name":"b","replicas":2}]}})"},
    {"$patch: replace alone empties a list", R"({"spec":{"nodePools":[{"name":"a"}]}})",
     R"({"spec":{"nodePools":[{"$patch":"replace"}]}})", R"({"spec":{"nodePools":[]}})"},
    {"merge lists without an original take the patch's elements", R"({"spec":{}})",
     R"({"spec":{"nodePools":[{"name":"a","$patch":"delete"},{"name":"b","env":[{"$patch":"replace"}]}]}})",
     R"({"spec":{"nodePools":[{"name":"b","env":[]}]}})"},
    {"empty merge lists", R"({"spec":{"nodePools":[]}})", R"({"spec":{"nodePools":[]}})",
     R"({"spec":{"nodePools":[]}})"},

    // Sets of scalars.
    {"finalizers union", R"({"metadata":{"finalizers":["a","b"]}})",
     R"({"metadata":{"finalizers":["b","c","c"]}})",
     R"({"metadata":{"finalizers":["a","b","c"]}})"},
    {"kube: preserve the order from the patch in a merging int list",
     R"({"metadata":{"finalizers":[1,2,3]}})", R"({"metadata":{"finalizers":[3,1]}})",
     R"({"metadata":{"finalizers":[2,3,1]}})"},
    {"$deleteFromPrimitiveList", R"({"metadata":{"finalizers":["a","b","c","b"]}})",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["b","x"]}})",
     R"({"metadata":{"finalizers":["a","c"]}})"},
    {"$deleteFromPrimitiveList applies after the additions", R"({"metadata":{"finalizers":["a"]}})",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a","b"],"finalizers":["b","c"]}})",
     R"({"metadata":{"finalizers":["c"]}})"},
    {"$deleteFromPrimitiveList works on lists without the strategy", R"({"spec":{"ports":[1,2]}})",
     R"({"spec":{"$deleteFromPrimitiveList/ports":[2]}})", R"({"spec":{"ports":[1]}})"},
    {"$deleteFromPrimitiveList of a missing list adds nothing", R"({"metadata":{}})",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})", R"({"metadata":{}})"},

    // $setElementOrder.
    {"$setElementOrder orders a merged list",
     R"({"spec":{"nodePools":[{"name":"1"},{"name":"2"},{"name":"3"}]}})",
     R"({"spec":{"$setElementOrder/nodePools":[{"name":"3"},{"name":"2"},{"name":"1"}],
                 "nodePools":[{"name":"3","replicas":3},{"name":"1","replicas":1}]}})",
     R"({"spec":{"nodePools":[{"name":"3","replicas":3},{"name":"2"},{"name":"1","replicas":1}]}})"},
    {"kube: $setElementOrder may list elements that are not there",
     R"({"spec":{"nodePools":[{"name":"1"},{"name":"3"}]}})",
     R"({"spec":{"$setElementOrder/nodePools":[{"name":"3"},{"name":"2"},{"name":"1"}],
                 "nodePools":[{"name":"3","replicas":3},{"name":"1","replicas":1}]}})",
     R"({"spec":{"nodePools":[{"name":"3","replicas":3},{"name":"1","replicas":1}]}})"},
    {"$setElementOrder alone reorders", R"({"metadata":{"finalizers":["a","b","c"]}})",
     R"({"metadata":{"$setElementOrder/finalizers":["c","a","b"]}})",
     R"({"metadata":{"finalizers":["c","a","b"]}})"},
    {"$setElementOrder leaves unlisted elements near their old place",
     R"({"metadata":{"finalizers":["a","b","c","d"]}})",
     R"({"metadata":{"$setElementOrder/finalizers":["d","b"]}})",
     R"({"metadata":{"finalizers":["a","c","d","b"]}})"},
    {"$setElementOrder of a new list", R"({"metadata":{}})",
     R"({"metadata":{"$setElementOrder/finalizers":["y","x"],"finalizers":["y","x"]}})",
     R"({"metadata":{"finalizers":["y","x"]}})"},
    {"$setElementOrder of a missing list is nothing", R"({"metadata":{}})",
     R"({"metadata":{"$setElementOrder/finalizers":["x"]}})", R"({"metadata":{}})"},

    // Maps: $patch and $retainKeys.
    {"$patch: replace in a map", R"({"spec":{"version":"1","nodePools":[{"name":"a"}]}})",
     R"({"spec":{"$patch":"replace","ports":[1],"x":null}})", R"({"spec":{"ports":[1]}})"},
    {"$patch: delete in a map empties it", R"({"spec":{"version":"1"},"status":{"a":1}})",
     R"({"spec":{"$patch":"delete"},"extra":{"$patch":"delete"}})",
     R"({"spec":{},"status":{"a":1}})"},
    {"$patch: replace at the top", R"({"metadata":{"name":"a"},"spec":{}})",
     R"({"$patch":"replace","spec":{"version":"2"}})", R"({"spec":{"version":"2"}})"},
    {"$retainKeys clears the fields not listed",
     R"({"spec":{"strategy":{"type":"Rolling","rollingUpdate":{"maxUnavailable":1}}}})",
     R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})",
     R"({"spec":{"strategy":{"type":"Recreate"}}})"},
    {"$retainKeys allows nulls of fields it does not list",
     R"({"spec":{"strategy":{"type":"Rolling","rollingUpdate":{"maxUnavailable":1}}}})",
     R"({"spec":{"strategy":{"$retainKeys":["type","rollingUpdate"],"rollingUpdate":{"maxUnavailable":2},"other":null}}})",
     R"({"spec":{"strategy":{"type":"Rolling","rollingUpdate":{"maxUnavailable":2}}}})"},
    {"directives never leak into new values", R"({})",
     R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"x"},
                 "$setElementOrder/ports":[2,1],"ports":[2,1],
                 "extra":{"$patch":"replace","a":{"$patch":"delete"},"b":[{"$patch":"delete"},1]}},
         "metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})",
     R"({"spec":{"strategy":{"type":"x"},"ports":[2,1],"extra":{"b":[1]}},"metadata":{}})"},
    {"dollar keys that are not directives are data", R"({"spec":{"$ref":1}})",
     R"({"spec":{"$ref":2,"$other":[3]}})", R"({"spec":{"$ref":2,"$other":[3]}})"},
};

TEST(StrategicMergePatchTest, Applies) {
  for (const Case& c : kApplies) {
    bj::value doc = bj::parse(c.doc);
    const bj::value patch = bj::parse(c.patch);
    Status s = ApplyStrategicMergePatch(doc, patch, TestSchema());
    ASSERT_TRUE(s.ok()) << c.name << ": " << s.ToString();
    EXPECT_EQ(doc, bj::parse(c.want)) << c.name << ": got " << bj::serialize(doc);
    EXPECT_FALSE(HasStrategicPatchDirectives(doc)) << c.name;
  }
}

struct ErrorCase {
  const char* name;
  const char* doc;
  const char* patch;
  StatusCode code;
  const char* message;
};

const ErrorCase kErrors[] = {
    {"patch not an object", R"({})", R"([1])", StatusCode::kBadRequest,
     "strategic merge patch must be a JSON object, not an array"},
    {"document not an object", R"([])", R"({})", StatusCode::kInternal,
     "strategic merge patch: the document to patch is not a JSON object"},
    {"unknown $patch in a map", R"({"spec":{}})", R"({"spec":{"$patch":"remove"}})",
     StatusCode::kBadRequest, R"(spec: unknown patch type: "remove" in map: {"$patch":"remove"})"},
    {"$patch not a string", R"({})", R"({"$patch":1})", StatusCode::kBadRequest,
     R"(unknown patch type: 1 in map: {"$patch":1})"},
    {"unknown $patch in a merge list", R"({"spec":{"nodePools":[{"name":"a"}]}})",
     R"({"spec":{"nodePools":[{"name":"a","$patch":"nope"}]}})", StatusCode::kBadRequest,
     R"(spec.nodePools[0]: unknown patch type: "nope" in map: {"name":"a","$patch":"nope"})"},
    {"unknown $patch in a new list", R"({})", R"({"spec":{"ports":[{"$patch":"nope"}]}})",
     StatusCode::kBadRequest,
     R"(spec.ports[0]: unknown patch type: "nope" in map: {"$patch":"nope"})"},
    {"$patch: merge in a list", R"({"spec":{"nodePools":[{"name":"a"}]}})",
     R"({"spec":{"nodePools":[{"$patch":"merge"}]}})", StatusCode::kBadRequest,
     "spec.nodePools[0]: merging lists cannot yet be specified in the patch"},
    {"merge key missing from a patch element", R"({"spec":{"nodePools":[{"name":"a"}]}})",
     R"({"spec":{"nodePools":[{"replicas":3}]}})", StatusCode::kBadRequest,
     R"(spec.nodePools[0]: map: {"replicas":3} does not contain declared merge key: name)"},
    {"merge key missing from a deletion", R"({"spec":{"nodePools":[{"name":"a"}]}})",
     R"({"spec":{"nodePools":[{"$patch":"delete"}]}})", StatusCode::kBadRequest,
     R"(spec.nodePools[0]: map: {"$patch":"delete"} does not contain declared merge key: name)"},
    {"merge key missing from a stored element", R"({"status":{"conditions":[{"status":"x"}]}})",
     R"({"status":{"conditions":[{"type":"Ready"}]}})", StatusCode::kBadRequest,
     R"(status.conditions: map: {"status":"x"} does not contain declared merge key: type)"},
    {"a scalar where a keyed element is expected", R"({"spec":{"nodePools":[{"name":"a"}]}})",
     R"({"spec":{"nodePools":["a"]}})", StatusCode::kBadRequest,
     "spec.nodePools: list element types are not identical: an object and a string"},
    {"scalars where keyed elements are expected", R"({"spec":{"nodePools":[]}})",
     R"({"spec":{"nodePools":["a"]}})", StatusCode::kBadRequest,
     R"(spec.nodePools: expected a map, but received a string: "a")"},
    {"mixed scalars in a set", R"({"metadata":{"finalizers":["a"]}})",
     R"({"metadata":{"finalizers":[1]}})", StatusCode::kBadRequest,
     "metadata.finalizers: list element types are not identical: a string and a number"},
    {"lists of lists", R"({"metadata":{"finalizers":[["a"]]}})",
     R"({"metadata":{"finalizers":[["b"]]}})", StatusCode::kInvalid,
     "metadata.finalizers: lists of lists are not supported"},
    {"$setElementOrder not a list", R"({"metadata":{}})",
     R"({"metadata":{"$setElementOrder/finalizers":"a"}})", StatusCode::kBadRequest,
     "metadata.$setElementOrder/finalizers: invalid patch format of setElementOrder list: "
     "expected a list, but received a string"},
    {"$setElementOrder without a field", R"({})", R"({"$setElementOrderfinalizers":[]})",
     StatusCode::kBadRequest,
     "$setElementOrderfinalizers: invalid patch format of setElementOrder list"},
    {"$setElementOrder that does not match the patch list",
     R"({"spec":{"nodePools":[{"name":"1"},{"name":"3"},{"name":"2"}]}})",
     R"({"spec":{"$setElementOrder/nodePools":[{"name":"1"},{"name":"2"},{"name":"3"}],
                 "nodePools":[{"name":"3","replicas":3},{"name":"1","replicas":1}]}})",
     StatusCode::kBadRequest,
     R"(spec.$setElementOrder/nodePools: the order in patch list [{"name":"3","replicas":3},{"name":"1","replicas":1}] doesn't match $setElementOrder list [{"name":"1"},{"name":"2"},{"name":"3"}])"},
    {"$setElementOrder entry without the merge key", R"({"spec":{"nodePools":[{"name":"1"}]}})",
     R"({"spec":{"$setElementOrder/nodePools":[{"x":"1"}]}})", StatusCode::kBadRequest,
     R"(spec.$setElementOrder/nodePools: map: {"x":"1"} does not contain declared merge key: name)"},
    {"$setElementOrder of a field that is not a list", R"({"spec":{"version":"1"}})",
     R"({"spec":{"$setElementOrder/version":["1"]}})", StatusCode::kBadRequest,
     R"(spec.$setElementOrder/version: "version" is ordered by "$setElementOrder/version", but is a string)"},
    {"$deleteFromPrimitiveList not a list", R"({"metadata":{"finalizers":["a"]}})",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}})", StatusCode::kBadRequest,
     "metadata.$deleteFromPrimitiveList/finalizers: invalid patch format of primitive list: "
     "expected a list, but received a string"},
    {"$deleteFromPrimitiveList of objects", R"({"metadata":{"finalizers":["a"]}})",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":[{"a":1}]}})", StatusCode::kBadRequest,
     "metadata.$deleteFromPrimitiveList/finalizers: invalid patch format of primitive list: "
     "expected scalars, but received an object"},
    {"$deleteFromPrimitiveList without a field", R"({})", R"({"$deleteFromPrimitiveList":["a"]})",
     StatusCode::kBadRequest, "$deleteFromPrimitiveList: invalid patch format of primitive list"},
    {"$retainKeys not a list", R"({"spec":{"strategy":{}}})",
     R"({"spec":{"strategy":{"$retainKeys":"type"}}})", StatusCode::kBadRequest,
     "spec.strategy.$retainKeys: invalid patch format of retainKeys: expected a list, but "
     "received a string"},
    {"$retainKeys that does not list a patched field", R"({"spec":{"strategy":{}}})",
     R"({"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}})",
     StatusCode::kBadRequest,
     R"(spec.strategy.$retainKeys: invalid patch format of retainKeys: the patch sets "rollingUpdate", which the list does not retain)"},
};

TEST(StrategicMergePatchTest, RefusesWithCodeAndMessageLeavingTheDocumentUnchanged) {
  for (const ErrorCase& c : kErrors) {
    bj::value doc = bj::parse(c.doc);
    const bj::value before = doc;
    Status s = ApplyStrategicMergePatch(doc, bj::parse(c.patch), TestSchema());
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.message(), c.message) << c.name;
    EXPECT_EQ(doc, before) << c.name;
  }
}

TEST(StrategicMergePatchTest, ErrorAfterPartialWorkLeavesTheDocumentUnchanged) {
  bj::value doc = bj::parse(R"({"a":1,"spec":{"version":"1"},"z":{}})");
  const bj::value before = doc;
  Status s = ApplyStrategicMergePatch(
      doc, bj::parse(R"({"a":2,"spec":{"version":"2"},"z":{"$patch":"bad"}})"), TestSchema());
  EXPECT_EQ(s.code(), StatusCode::kBadRequest);
  EXPECT_EQ(doc, before);
}

TEST(StrategicMergePatchTest, BoundsNesting) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += R"({"a":)";
  deep += "1";
  deep += std::string(300, '}');
  bj::parse_options options;
  options.max_depth = 1000;
  bj::value doc = bj::object();
  Status s =
      ApplyStrategicMergePatch(doc, bj::parse(deep, bj::storage_ptr(), options), TestSchema());
  EXPECT_EQ(s.code(), StatusCode::kBadRequest);
  EXPECT_NE(s.message().find("the patch nests deeper than the limit of 200 levels"),
            std::string::npos)
      << s.message().substr(0, 200);
  EXPECT_EQ(doc, bj::object());
}

TEST(StrategicMergePatchTest, RefusesAnUnknownSchemaStrategy) {
  const bj::object schema =
      bj::parse(R"({"properties":{"l":{"x-kubernetes-patch-strategy":"add"}}})").as_object();
  bj::value doc = bj::parse(R"({"l":[1]})");
  Status s = ApplyStrategicMergePatch(doc, bj::parse(R"({"l":[2]})"), schema);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(s.message(), R"(l: schema of "l": unexpected patch strategy "add")");
}

TEST(StrategicMergePatchTest, FindsDirectives) {
  EXPECT_FALSE(HasStrategicPatchDirectives(bj::parse(R"({"spec":{"a":[{"$ref":1}]}})")));
  EXPECT_TRUE(HasStrategicPatchDirectives(bj::parse(R"({"spec":{"$patch":"replace"}})")));
  EXPECT_TRUE(HasStrategicPatchDirectives(bj::parse(R"({"l":[{"$patch":"delete","name":"x"}]})")));
  EXPECT_TRUE(HasStrategicPatchDirectives(bj::parse(R"({"a":{"$setElementOrder/l":[]}})")));
  EXPECT_TRUE(HasStrategicPatchDirectives(bj::parse(R"([{"$deleteFromPrimitiveList/l":[]}])")));
  EXPECT_TRUE(HasStrategicPatchDirectives(bj::parse(R"({"$retainKeys":[]})")));
}

// Random-ish documents over a few keys; `in_list` leaves out nulls, which a
// strategic merge patch drops from objects inside a replacing list and RFC
// 7386 keeps.
bj::value RandomValue(std::mt19937& rng, int depth, bool allow_null) {
  const char* keys[] = {"a", "b", "c", "d"};
  const int pick = static_cast<int>(rng() % (depth > 0 ? 7 : 4));
  switch (pick) {
    case 0:
      return allow_null && rng() % 2 ? bj::value(nullptr) : bj::value(static_cast<int>(rng() % 5));
    case 1:
      return bj::value(keys[rng() % 4]);
    case 2:
      return bj::value(rng() % 2 == 0);
    case 3:
      return bj::value(static_cast<double>(rng() % 7) / 2);
    case 4: {
      bj::array arr;
      for (unsigned i = rng() % 4; i > 0; --i) arr.push_back(RandomValue(rng, depth - 1, false));
      return arr;
    }
    default: {
      bj::object obj;
      for (unsigned i = rng() % 4; i > 0; --i) {
        obj[keys[rng() % 4]] = RandomValue(rng, depth - 1, allow_null);
      }
      return obj;
    }
  }
}

TEST(StrategicMergePatchTest, WithoutDirectivesOrStrategiesEqualsMergePatch) {
  std::mt19937 rng(7386);
  const bj::object no_schema;
  const bj::object plain_schema =
      bj::parse(R"({"properties":{"a":{"type":"object","properties":{"b":{"type":"array"}}},
                                  "c":{"additionalProperties":{"type":"string"}}}})")
          .as_object();
  for (int i = 0; i < 2000; ++i) {
    bj::value doc = RandomValue(rng, 4, false);
    bj::value patch = RandomValue(rng, 4, true);
    if (!doc.is_object()) doc = bj::object{{"a", doc}};
    if (!patch.is_object()) patch = bj::object{{"b", patch}};
    bj::value want = doc;
    ApplyMergePatch(want, patch);
    for (const bj::object* schema : {&no_schema, &plain_schema}) {
      bj::value got = doc;
      Status s = ApplyStrategicMergePatch(got, patch, *schema);
      ASSERT_TRUE(s.ok()) << s.ToString();
      ASSERT_EQ(got, want) << bj::serialize(doc) << " + " << bj::serialize(patch);
    }
  }
}

}  // namespace
}  // namespace navigator::api
