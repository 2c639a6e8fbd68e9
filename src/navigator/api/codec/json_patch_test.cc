#include "navigator/api/codec/json_patch.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace navigator::api {
namespace {

namespace bj = boost::json;

struct Case {
  const char* name;
  const char* doc;
  const char* patch;
  const char* want;
};

// Our own equivalents of RFC 6902 appendix A, then the edges.
const Case kApplies[] = {
    {"A.1 add an object member", R"({"a":"b"})", R"([{"op":"add","path":"/c","value":"d"}])",
     R"({"a":"b","c":"d"})"},
    {"A.2 add an array element", R"({"l":["x","z"]})",
     R"([{"op":"add","path":"/l/1","value":"y"}])", R"({"l":["x","y","z"]})"},
    {"A.3 remove an object member", R"({"a":1,"b":2})", R"([{"op":"remove","path":"/b"}])",
     R"({"a":1})"},
    {"A.4 remove an array element", R"({"l":["x","y","z"]})", R"([{"op":"remove","path":"/l/1"}])",
     R"({"l":["x","z"]})"},
    {"A.5 replace a value", R"({"a":"b","c":"d"})",
     R"([{"op":"replace","path":"/a","value":{"n":1}}])", R"({"a":{"n":1},"c":"d"})"},
    {"A.6 move a value", R"({"x":{"a":1,"b":2},"y":{}})",
     R"([{"op":"move","from":"/x/b","path":"/y/c"}])", R"({"x":{"a":1},"y":{"c":2}})"},
    {"A.7 move an array element", R"({"l":["a","b","c","d"]})",
     R"([{"op":"move","from":"/l/1","path":"/l/3"}])", R"({"l":["a","c","d","b"]})"},
    {"A.8 test a value", R"({"s":"x","l":[1,"2",{"k":null}]})",
     R"([{"op":"test","path":"/s","value":"x"},{"op":"test","path":"/l","value":[1,"2",{"k":null}]}])",
     R"({"s":"x","l":[1,"2",{"k":null}]})"},
    {"A.10 add a nested member object", R"({"a":1})",
     R"([{"op":"add","path":"/child","value":{"grand":{"x":[]}}}])",
     R"({"a":1,"child":{"grand":{"x":[]}}})"},
    {"A.11 unrecognised members are ignored", R"({"a":1})",
     R"([{"op":"add","path":"/b","value":2,"extra":{"x":1},"from":7}])", R"({"a":1,"b":2})"},
    {"A.14 escapes", R"({"/":9,"~1":10})",
     R"([{"op":"test","path":"/~01","value":10},{"op":"add","path":"/~1","value":8}])",
     R"({"/":8,"~1":10})"},
    {"A.16 add an array value", R"({"l":["a"]})",
     R"([{"op":"add","path":"/l/-","value":["b","c"]}])", R"({"l":["a",["b","c"]]})"},
    {"add replaces an existing member", R"({"a":1})", R"([{"op":"add","path":"/a","value":[2]}])",
     R"({"a":[2]})"},
    {"add at the end index", R"({"l":[1]})", R"([{"op":"add","path":"/l/1","value":2}])",
     R"({"l":[1,2]})"},
    {"add the whole document", R"({"a":1})", R"([{"op":"add","path":"","value":{"b":2}}])",
     R"({"b":2})"},
    {"replace the whole document", R"({"a":1})", R"([{"op":"replace","path":"","value":[1]}])",
     R"([1])"},
    {"replace an array element", R"({"l":[1,2]})", R"([{"op":"replace","path":"/l/0","value":9}])",
     R"({"l":[9,2]})"},
    {"null is a value", R"({"a":1})",
     R"([{"op":"add","path":"/b","value":null},{"op":"test","path":"/b","value":null}])",
     R"({"a":1,"b":null})"},
    {"empty key", R"({"":{"":1}})", R"([{"op":"replace","path":"//","value":2}])",
     R"({"":{"":2}})"},
    {"copy", R"({"a":{"b":[1]},"c":{}})",
     R"([{"op":"copy","from":"/a/b","path":"/c/d"},{"op":"add","path":"/c/d/-","value":2}])",
     R"({"a":{"b":[1]},"c":{"d":[1,2]}})"},
    {"copy the whole document", R"({"a":1})", R"([{"op":"copy","from":"","path":"/b"}])",
     R"({"a":1,"b":{"a":1}})"},
    {"move to the same place", R"({"a":{"b":1}})", R"([{"op":"move","from":"/a","path":"/a"}])",
     R"({"a":{"b":1}})"},
    {"move to the root", R"({"a":{"b":1}})", R"([{"op":"move","from":"/a","path":""}])",
     R"({"b":1})"},
    {"move deeper", R"({"a":1,"b":{"c":{}}})", R"([{"op":"move","from":"/a","path":"/b/c/d"}])",
     R"({"b":{"c":{"d":1}}})"},
    {"test compares numbers by value", R"({"n":1,"m":2.5})",
     R"([{"op":"test","path":"/n","value":1.0},{"op":"test","path":"/m","value":2.5}])",
     R"({"n":1,"m":2.5})"},
    {"test objects in any member order", R"({"o":{"a":1,"b":2}})",
     R"([{"op":"test","path":"/o","value":{"b":2,"a":1}}])", R"({"o":{"a":1,"b":2}})"},
    {"test the whole document", R"({"a":1})", R"([{"op":"test","path":"","value":{"a":1}}])",
     R"({"a":1})"},
    {"operations see earlier ones", R"({})",
     R"([{"op":"add","path":"/a","value":{}},{"op":"add","path":"/a/b","value":[]},
        {"op":"add","path":"/a/b/0","value":1},{"op":"test","path":"/a","value":{"b":[1]}}])",
     R"({"a":{"b":[1]}})"},
    {"empty patch", R"({"a":1})", R"([])", R"({"a":1})"},
};

TEST(JsonPatchTest, Applies) {
  for (const Case& c : kApplies) {
    bj::value doc = bj::parse(c.doc);
    Status s = ApplyJsonPatch(doc, bj::parse(c.patch));
    ASSERT_TRUE(s.ok()) << c.name << ": " << s.ToString();
    EXPECT_EQ(doc, bj::parse(c.want)) << c.name << ": got " << bj::serialize(doc);
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
    // Malformed patches: 400, naming the operation.
    {"not an array", "{}", R"({"op":"add"})", StatusCode::kBadRequest,
     "json patch must be a JSON array of operations, not an object"},
    {"operation not an object", "{}", R"([{"op":"test","path":"","value":{}},"add"])",
     StatusCode::kBadRequest, "json patch operation 1: must be a JSON object, not a string"},
    {"missing op", "{}", R"([{"path":"/a"}])", StatusCode::kBadRequest,
     R"(json patch operation 0: missing "op")"},
    {"op not a string", "{}", R"([{"op":1,"path":"/a"}])", StatusCode::kBadRequest,
     R"(json patch operation 0: "op" must be a string, not a number)"},
    {"unknown op", "{}", R"([{"op":"merge","path":"/a"}])", StatusCode::kBadRequest,
     R"(json patch operation 0: unknown "op" "merge": expected add, remove, replace, move, copy or test)"},
    {"missing path", "{}", R"([{"op":"remove"}])", StatusCode::kBadRequest,
     R"(json patch operation 0 (remove): missing "path")"},
    {"path not a string", "{}", R"([{"op":"remove","path":["a"]}])", StatusCode::kBadRequest,
     R"(json patch operation 0 (remove): "path" must be a string, not an array)"},
    {"path without a leading slash", "{}", R"([{"op":"remove","path":"a/b"}])",
     StatusCode::kBadRequest,
     R"(json patch operation 0 (remove): "path" is not a JSON pointer ("a/b"): must be empty or start with '/')"},
    {"bad escape", "{}", R"([{"op":"remove","path":"/a~2"}])", StatusCode::kBadRequest,
     R"(json patch operation 0 (remove): "path" is not a JSON pointer ("/a~2"): '~' must be followed by '0' or '1')"},
    {"missing value", "{}", R"([{"op":"add","path":"/a"}])", StatusCode::kBadRequest,
     R"(json patch operation 0 (add): missing "value")"},
    {"missing from", "{}", R"([{"op":"copy","path":"/a"}])", StatusCode::kBadRequest,
     R"(json patch operation 0 (copy): missing "from")"},
    {"bad from", "{}", R"([{"op":"move","path":"/a","from":"x"}])", StatusCode::kBadRequest,
     R"(json patch operation 0 (move): "from" is not a JSON pointer ("x"): must be empty or start with '/')"},
    {"malformed after a failing test is still 400", R"({"a":1})",
     R"([{"op":"test","path":"/a","value":2},{"op":"add"}])", StatusCode::kBadRequest,
     R"(json patch operation 1 (add): missing "path")"},
    // Operations that do not apply: 422, evanphx/json-patch's wording.
    {"A.9 failed test", R"({"s":"x"})", R"([{"op":"test","path":"/s","value":"y"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (test): testing value "/s" failed: test failed)"},
    {"A.15 strings are not numbers", R"({"/":9,"~1":10})",
     R"([{"op":"test","path":"/~01","value":"10"}])", StatusCode::kInvalid,
     R"(json patch operation 0 (test): testing value "/~01" failed: test failed)"},
    {"test of a missing path", R"({})", R"([{"op":"test","path":"/a","value":1}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (test): test operation does not apply: is missing path: "/a": missing value)"},
    {"A.12 add to a missing parent", R"({"q":{"bar":2}})",
     R"([{"op":"add","path":"/a/b","value":1}])", StatusCode::kInvalid,
     R"(json patch operation 0 (add): add operation does not apply: doc is missing path: "/a/b": missing value)"},
    {"add below a scalar", R"({"a":1})", R"([{"op":"add","path":"/a/b","value":1}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (add): add operation does not apply: doc is missing path: "/a/b": missing value)"},
    {"add past the end", R"({"l":[1]})", R"([{"op":"add","path":"/l/2","value":1}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (add): error in add for path: "/l/2": Unable to access invalid index: "2": invalid index referenced)"},
    {"leading zero", R"({"l":[1,2]})", R"([{"op":"add","path":"/l/01","value":1}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (add): error in add for path: "/l/01": Unable to access invalid index: "01": invalid index referenced)"},
    {"negative index", R"({"l":[1,2]})", R"([{"op":"remove","path":"/l/-1"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (remove): error in remove for path: "/l/-1": value was not a proper array index: "-1")"},
    {"remove a missing member", R"({"a":1})", R"([{"op":"remove","path":"/b"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (remove): error in remove for path: "/b": Unable to remove nonexistent key: "b": missing value)"},
    {"remove past the end", R"({"l":[1]})", R"([{"op":"remove","path":"/l/1"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (remove): error in remove for path: "/l/1": Unable to access invalid index: "1": invalid index referenced)"},
    {"remove the - element", R"({"l":[1]})", R"([{"op":"remove","path":"/l/-"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (remove): error in remove for path: "/l/-": value was not a proper array index: "-")"},
    {"remove the document", R"({"a":1})", R"([{"op":"remove","path":""}])", StatusCode::kInvalid,
     "json patch operation 0 (remove): remove operation does not apply: the whole document cannot "
     "be removed"},
    {"replace a missing member", R"({"a":1})", R"([{"op":"replace","path":"/b","value":1}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (replace): replace operation does not apply: doc is missing key: "/b": missing value)"},
    {"replace past the end", R"({"l":[]})", R"([{"op":"replace","path":"/l/0","value":1}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (replace): error in replace for path: "/l/0": Unable to access invalid index: "0": invalid index referenced)"},
    {"move from a missing path", R"({"a":1})", R"([{"op":"move","from":"/b","path":"/c"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (move): move operation does not apply: doc is missing from path: "/b": missing value)"},
    {"move into a child", R"({"a":{"b":{}}})", R"([{"op":"move","from":"/a","path":"/a/b/c"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (move): move operation does not apply: "from" "/a" is a proper prefix of "path" "/a/b/c": a value cannot be moved into one of its children)"},
    {"move to a missing parent", R"({"a":1})", R"([{"op":"move","from":"/a","path":"/x/y"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (move): move operation does not apply: doc is missing destination path: "/x/y": missing value)"},
    {"copy from a missing path", R"({"a":1})", R"([{"op":"copy","from":"/b","path":"/c"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (copy): copy operation does not apply: doc is missing from path: "/b": missing value)"},
    {"copy to a missing parent", R"({"a":1})", R"([{"op":"copy","from":"/a","path":"/x/y"}])",
     StatusCode::kInvalid,
     R"(json patch operation 0 (copy): copy operation does not apply: doc is missing destination path: "/x/y": missing value)"},
    {"a later operation fails", R"({"a":1})",
     R"([{"op":"add","path":"/b","value":2},{"op":"test","path":"/b","value":3}])",
     StatusCode::kInvalid,
     R"(json patch operation 1 (test): testing value "/b" failed: test failed)"},
};

TEST(JsonPatchTest, RefusesWithCodeAndMessageLeavingTheDocumentUnchanged) {
  for (const ErrorCase& c : kErrors) {
    bj::value doc = bj::parse(c.doc);
    const bj::value before = doc;
    Status s = ApplyJsonPatch(doc, bj::parse(c.patch));
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.message(), c.message) << c.name;
    EXPECT_EQ(doc, before) << c.name;
  }
}

TEST(JsonPatchTest, LimitsTheNumberOfOperations) {
  bj::array ops;
  for (int i = 0; i < 10001; ++i) ops.push_back(bj::parse(R"({"op":"test","path":"","value":{}})"));
  bj::value doc = bj::object();
  Status s = ApplyJsonPatch(doc, ops);
  EXPECT_EQ(s.code(), StatusCode::kRequestEntityTooLarge);
  EXPECT_EQ(s.message(), "The allowed maximum operations in a JSON patch is 10000, got 10001");
  ops.pop_back();
  EXPECT_TRUE(ApplyJsonPatch(doc, ops).ok());
}

TEST(JsonPatchTest, LimitsWhatCopiesAdd) {
  // Each copy doubles the document: a 1 KiB value passes 3 MiB within 12.
  bj::value doc = {{"a", std::string(1024, 'x')}};
  bj::array ops;
  ops.push_back(bj::parse(R"({"op":"copy","from":"/a","path":"/b"})"));
  for (int i = 0; i < 20; ++i) {
    ops.push_back(bj::object{{"op", "copy"}, {"from", ""}, {"path", "/k" + std::to_string(i)}});
  }
  const bj::value before = doc;
  Status s = ApplyJsonPatch(doc, ops);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_NE(s.message().find("Unable to complete the copy, the accumulated size increase of copy "
                             "is "),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find(", exceeding the limit 3145728"), std::string::npos) << s.message();
  EXPECT_TRUE(doc == before);

  JsonPatchLimits small;
  small.max_copy_bytes = 10;
  doc = bj::parse(R"({"a":"123456"})");  // "123456" is 8 bytes written
  EXPECT_TRUE(
      ApplyJsonPatch(doc, bj::parse(R"([{"op":"copy","from":"/a","path":"/b"}])"), small).ok());
  s = ApplyJsonPatch(doc, bj::parse(R"([{"op":"copy","from":"/a","path":"/c"},
                                        {"op":"copy","from":"/a","path":"/d"}])"),
                     small);
  EXPECT_EQ(s.message(),
            "json patch operation 1 (copy): Unable to complete the copy, the accumulated size "
            "increase of copy is 16, exceeding the limit 10");
}

TEST(JsonPatchTest, LimitsNesting) {
  JsonPatchLimits limits;
  limits.max_depth = 3;
  bj::value doc = bj::parse(R"({"a":{"b":{}},"c":{"d":1}})");  // nests 3 levels
  EXPECT_TRUE(
      ApplyJsonPatch(doc, bj::parse(R"([{"op":"add","path":"/a/b/x","value":1}])"), limits).ok());
  Status s = ApplyJsonPatch(doc, bj::parse(R"([{"op":"add","path":"/a/b/y","value":[]}])"), limits);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_EQ(s.message(),
            "json patch operation 0 (add): the value written at \"/a/b/y\" would nest the "
            "document deeper than the limit of 3 levels");
  s = ApplyJsonPatch(doc, bj::parse(R"([{"op":"move","from":"/c","path":"/a/b/z"}])"), limits);
  EXPECT_EQ(s.message(),
            "json patch operation 0 (move): the value written at \"/a/b/z\" would nest the "
            "document deeper than the limit of 3 levels");
  s = ApplyJsonPatch(doc, bj::parse(R"([{"op":"copy","from":"/c","path":"/a/b/z"}])"), limits);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  // Moving to a shallower place is always fine.
  EXPECT_TRUE(
      ApplyJsonPatch(doc, bj::parse(R"([{"op":"move","from":"/a/b","path":"/e"}])"), limits).ok());

  // A chain that moves values ever deeper stops at the default limit.
  doc = bj::parse(R"({"x":{}})");
  bj::array ops;
  std::string path;
  for (int i = 0; i < 150; ++i) {
    ops.push_back(bj::parse(R"({"op":"add","path":"/y","value":{}})"));
    ops.push_back(bj::parse(R"({"op":"move","from":"/x","path":"/y/x"})"));
    ops.push_back(bj::parse(R"({"op":"move","from":"/y","path":"/x"})"));
  }
  s = ApplyJsonPatch(doc, ops);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_NE(s.message().find("deeper than the limit of 100 levels"), std::string::npos)
      << s.message();
}

TEST(JsonPatchTest, LimitsScansOfMovesIntoDeeperPlaces) {
  JsonPatchLimits limits;
  limits.max_move_scan_values = 10;
  bj::value doc = bj::parse(R"({"l":[1,2,3,4,5],"a":{}})");  // the list is 6 values
  Status s = ApplyJsonPatch(doc, bj::parse(R"([{"op":"move","from":"/l","path":"/a/l"},
                                                {"op":"move","from":"/a/l","path":"/l"},
                                                {"op":"move","from":"/l","path":"/a/l"}])"),
                            limits);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_EQ(s.message(),
            "json patch operation 2 (move): the patch moves too many values into deeper places "
            "(more than 10 in all)");
}

TEST(JsonPatchTest, QuotesLongPointersShortly) {
  const std::string key(1000, 'k');
  bj::value doc = bj::object();
  Status s = ApplyJsonPatch(doc, bj::array{bj::object{{"op", "remove"}, {"path", "/" + key}}});
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_LT(s.message().size(), 600u) << s.message();
}

}  // namespace
}  // namespace navigator::api
