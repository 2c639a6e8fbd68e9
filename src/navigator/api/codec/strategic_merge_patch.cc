#include "navigator/api/codec/strategic_merge_patch.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "navigator/api/codec/json_snippet.h"
#include "navigator/base/result.h"

namespace navigator::api {
namespace {

namespace bj = boost::json;

constexpr std::string_view kPatchDirective = "$patch";
constexpr std::string_view kRetainKeysDirective = "$retainKeys";
constexpr std::string_view kSetElementOrderPrefix = "$setElementOrder";
constexpr std::string_view kDeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";
constexpr std::size_t kMaxDepth = 200;

bool IsOrderDirective(std::string_view key) {
  return key.starts_with(kSetElementOrderPrefix);
}
bool IsDeleteListDirective(std::string_view key) {
  return key.starts_with(kDeleteFromPrimitiveListPrefix);
}
bool IsDirective(std::string_view key) {
  return key == kPatchDirective || key == kRetainKeysDirective || IsOrderDirective(key) ||
         IsDeleteListDirective(key);
}

// The field a "<prefix>/<field>" directive names; nullopt without the '/'.
std::optional<std::string_view> DirectiveField(std::string_view key, std::string_view prefix) {
  if (key.size() <= prefix.size() || key[prefix.size()] != '/') return std::nullopt;
  return key.substr(prefix.size() + 1);
}

std::string_view View(const bj::string& s) {
  return {s.data(), s.size()};
}

// ------------------------------------------------------------------ schema

// What the schema says about one field.
struct FieldMeta {
  const bj::object* schema = nullptr;  // null: the schema does not describe it
  std::string_view merge_key;          // x-kubernetes-patch-merge-key
  bool merge = false;                  // patch strategy "merge" (lists)
  bool replace = false;                // patch strategy "replace" (objects)
};

const bj::object* ChildSchema(const bj::object* schema, std::string_view key) {
  if (!schema) return nullptr;
  if (const bj::value* properties = schema->if_contains("properties")) {
    if (const bj::object* p = properties->if_object()) {
      if (const bj::value* child = p->if_contains(key)) return child->if_object();
    }
  }
  if (const bj::value* additional = schema->if_contains("additionalProperties")) {
    return additional->if_object();
  }
  return nullptr;
}

// The schema of a list's elements. Without `items`, the list's own schema,
// as kube's LookupPatchMetadataForSlice does.
const bj::object* ItemsSchema(const bj::object* schema) {
  if (!schema) return nullptr;
  const bj::value* items = schema->if_contains("items");
  return items ? items->if_object() : schema;
}

// Errors are kInternal: the schema is the server's own.
Result<FieldMeta> LookupField(const bj::object* parent, std::string_view key) {
  FieldMeta meta;
  meta.schema = ChildSchema(parent, key);
  if (!meta.schema) return meta;
  if (const bj::value* k = meta.schema->if_contains("x-kubernetes-patch-merge-key")) {
    if (const bj::string* s = k->if_string()) meta.merge_key = View(*s);
  }
  const bj::value* strategy = meta.schema->if_contains("x-kubernetes-patch-strategy");
  if (!strategy) return meta;
  const bj::string* text = strategy->if_string();
  if (!text)
    return Internal(
        fmt::format("schema of {}: x-kubernetes-patch-strategy is not a string", JsonQuoted(key)));
  std::string_view rest = View(*text);
  int others = 0;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view one = rest.substr(0, comma);
    if (one == "merge") {
      meta.merge = true;
      ++others;
    } else if (one == "replace") {
      meta.replace = true;
      ++others;
    } else if (one != "retainKeys") {
      return Internal(fmt::format("schema of {}: unexpected patch strategy {}", JsonQuoted(key),
                                  JsonQuoted(View(*text))));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (others > 1) {
    return Internal(fmt::format("schema of {}: unexpected patch strategy {}", JsonQuoted(key),
                                JsonQuoted(View(*text))));
  }
  return meta;
}

// ------------------------------------------------------------ list order

// A value's identity for set membership and merge-key matching: its JSON
// text with object members sorted. Numbers keep their kind, as kube's
// (1 and 1.0 differ).
void AppendIdentity(const bj::value& v, std::string& out, std::size_t depth) {
  constexpr std::size_t kMaxCanonicalDepth = 32;  // beyond: plain (iterative) serialisation
  if (depth < kMaxCanonicalDepth) {
    if (const bj::object* obj = v.if_object()) {
      std::vector<const bj::key_value_pair*> members;
      members.reserve(obj->size());
      for (const auto& kv : *obj) members.push_back(&kv);
      std::sort(members.begin(), members.end(),
                [](const auto* a, const auto* b) { return a->key() < b->key(); });
      out += '{';
      for (const auto* kv : members) {
        out += bj::serialize(kv->key());
        out += ':';
        AppendIdentity(kv->value(), out, depth + 1);
        out += ',';
      }
      out += '}';
      return;
    }
    if (const bj::array* arr = v.if_array()) {
      out += '[';
      for (const auto& item : *arr) {
        AppendIdentity(item, out, depth + 1);
        out += ',';
      }
      out += ']';
      return;
    }
  }
  out += bj::serialize(v);
}

std::string Identity(const bj::value& v) {
  std::string out;
  AppendIdentity(v, out, 0);
  return out;
}

// A list element with its identity (the merge key's value for objects).
struct Entry {
  std::string id;
  bj::value value;
};

// Identity -> index of its first occurrence.
using IndexMap = std::unordered_map<std::string, std::size_t>;

constexpr std::size_t kAbsent = std::numeric_limits<std::size_t>::max();

std::size_t IndexIn(const IndexMap& index, const std::string& id) {
  auto it = index.find(id);
  return it == index.end() ? kAbsent : it->second;
}

// kube's normalizeElementOrder: the elements `order` lists come in that
// order, the others (server-only) in their `server_order`; then the two runs
// are interleaved, a server-only element going first when both are known to
// `server_order` and it came first there.
bj::array Order(std::vector<Entry> merged, const IndexMap& order, const IndexMap& server_order) {
  std::vector<Entry> listed;
  std::vector<Entry> server_only;
  for (Entry& e : merged) {
    (order.contains(e.id) ? listed : server_only).push_back(std::move(e));
  }
  std::stable_sort(listed.begin(), listed.end(), [&](const Entry& a, const Entry& b) {
    return IndexIn(order, a.id) < IndexIn(order, b.id);
  });
  std::stable_sort(server_only.begin(), server_only.end(), [&](const Entry& a, const Entry& b) {
    return IndexIn(server_order, a.id) < IndexIn(server_order, b.id);
  });
  bj::array out;
  out.reserve(listed.size() + server_only.size());
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < server_only.size() || j < listed.size()) {
    bool take_server = j == listed.size();
    if (i < server_only.size() && j < listed.size()) {
      const std::size_t left = IndexIn(server_order, server_only[i].id);
      const std::size_t right = IndexIn(server_order, listed[j].id);
      take_server = left != kAbsent && right != kAbsent && left < right;
    }
    out.push_back(std::move(take_server ? server_only[i++].value : listed[j++].value));
  }
  return out;
}

enum class ElementClass { kNull, kBool, kNumber, kString, kObject, kArray };

ElementClass ClassOf(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::object:
      return ElementClass::kObject;
    case bj::kind::array:
      return ElementClass::kArray;
    case bj::kind::string:
      return ElementClass::kString;
    case bj::kind::bool_:
      return ElementClass::kBool;
    case bj::kind::null:
      return ElementClass::kNull;
    default:
      return ElementClass::kNumber;
  }
}

// ------------------------------------------------------------------ merge

// Applies one patch; keeps the field path for error messages.
class Merger {
 public:
  // Merges `patch` into `original` (kube's mergeMap). `schema` describes
  // both; null when unknown.
  Status MergeMap(bj::object& original, const bj::object& patch, const bj::object* schema,
                  std::size_t depth) {
    if (depth > kMaxDepth) return DepthError();
    if (const bj::value* directive = patch.if_contains(kPatchDirective)) {
      const bj::string* s = directive->if_string();
      if (s && *s == "delete") {
        original.clear();
        return OkStatus();
      }
      if (!s || *s != "replace") return Error(UnknownPatchType(*directive, patch));
      original.clear();  // then merge the other members into nothing
    }
    NAVIGATOR_RETURN_IF_ERROR(ApplyRetainKeys(original, patch));
    std::unordered_set<std::string_view> ordered;
    for (const auto& kv : patch) {
      if (!IsOrderDirective(kv.key())) continue;
      NAVIGATOR_RETURN_IF_ERROR(
          ApplyElementOrder(original, patch, kv.key(), kv.value(), schema, depth, ordered));
    }
    for (const auto& kv : patch) {
      if (IsDirective(kv.key()) || ordered.contains(kv.key())) continue;
      NAVIGATOR_RETURN_IF_ERROR(MergeField(original, kv.key(), kv.value(), schema, depth));
    }
    for (const auto& kv : patch) {
      if (!IsDeleteListDirective(kv.key())) continue;
      NAVIGATOR_RETURN_IF_ERROR(ApplyDeleteList(original, kv.key(), kv.value()));
    }
    return OkStatus();
  }

 private:
  class PathGuard {
   public:
    PathGuard(std::vector<std::string>& path, std::string element) : path_(path) {
      path_.push_back(std::move(element));
    }
    ~PathGuard() { path_.pop_back(); }
    PathGuard(const PathGuard&) = delete;
    PathGuard& operator=(const PathGuard&) = delete;

   private:
    std::vector<std::string>& path_;
  };

  PathGuard Enter(std::string_view key) { return PathGuard(path_, std::string(key)); }
  PathGuard EnterIndex(std::size_t i) { return PathGuard(path_, fmt::format("[{}]", i)); }

  // "spec.nodePools[1].name"
  std::string FieldPath() const {
    std::string out;
    for (const std::string& element : path_) {
      if (!out.empty() && !element.starts_with('[')) out += '.';
      out += element;
    }
    return out;
  }
  std::string Prefixed(std::string_view message) const {
    if (path_.empty()) return std::string(message);
    return fmt::format("{}: {}", FieldPath(), message);
  }
  Status Error(std::string_view message) const { return BadRequest(Prefixed(message)); }
  Status DepthError() const {
    return Error(fmt::format("the patch nests deeper than the limit of {} levels", kMaxDepth));
  }
  static std::string UnknownPatchType(const bj::value& directive, const bj::object& map) {
    return fmt::format("unknown patch type: {} in map: {}", JsonSnippet(directive),
                       JsonSnippet(bj::value(map)));
  }
  static std::string NoMergeKey(const bj::object& map, std::string_view key) {
    return fmt::format("map: {} does not contain declared merge key: {}",
                       JsonSnippet(bj::value(map)), key);
  }

  Status MergeField(bj::object& original, std::string_view key, const bj::value& patch,
                    const bj::object* schema, std::size_t depth) {
    PathGuard guard = Enter(key);
    if (patch.is_null()) {
      original.erase(key);
      return OkStatus();
    }
    NAVIGATOR_ASSIGN_OR_RETURN(FieldMeta meta, Meta(schema, key));
    bj::value* current = original.if_contains(key);
    if (current && current->is_object() && patch.is_object() && !meta.replace) {
      return MergeMap(current->get_object(), patch.get_object(), meta.schema, depth + 1);
    }
    if (current && current->is_array() && patch.is_array() && meta.merge) {
      return MergeList(current->get_array(), patch.get_array(), meta, depth + 1);
    }
    NAVIGATOR_ASSIGN_OR_RETURN(std::optional<bj::value> value,
                               Materialize(patch, meta.schema, depth + 1));
    if (value) {
      original[key] = std::move(*value);
    } else {
      original.erase(key);
    }
    return OkStatus();
  }

  Result<FieldMeta> Meta(const bj::object* schema, std::string_view key) const {
    auto meta = LookupField(schema, key);
    if (!meta.ok()) return Internal(Prefixed(meta.status().message()));
    return meta;
  }

  // What a patch value becomes where there is nothing to merge it into: the
  // patch merged into nothing, so that no directive and no null member
  // survives. nullopt: an object with "$patch": "delete", which leaves the
  // field absent.
  Result<std::optional<bj::value>> Materialize(const bj::value& patch, const bj::object* schema,
                                               std::size_t depth) {
    if (const bj::object* obj = patch.if_object()) {
      if (const bj::value* d = obj->if_contains(kPatchDirective)) {
        if (d->is_string() && d->get_string() == "delete") return std::optional<bj::value>();
      }
      bj::object out;
      NAVIGATOR_RETURN_IF_ERROR(MergeMap(out, *obj, schema, depth));
      return std::optional<bj::value>(std::move(out));
    }
    if (const bj::array* arr = patch.if_array()) {
      NAVIGATOR_ASSIGN_OR_RETURN(bj::array out, MaterializeList(*arr, ItemsSchema(schema), depth));
      return std::optional<bj::value>(std::move(out));
    }
    return std::optional<bj::value>(patch);
  }

  // A list taken from the patch: elements that are "$patch" markers dropped.
  Result<bj::array> MaterializeList(const bj::array& patch, const bj::object* items,
                                    std::size_t depth) {
    if (depth > kMaxDepth) return DepthError();
    bj::array out;
    out.reserve(patch.size());
    for (std::size_t i = 0; i < patch.size(); ++i) {
      PathGuard guard = EnterIndex(i);
      const bj::object* obj = patch[i].if_object();
      if (const bj::value* d = obj ? obj->if_contains(kPatchDirective) : nullptr) {
        if (!d->is_string() || (d->get_string() != "delete" && d->get_string() != "replace")) {
          return Error(UnknownPatchType(*d, *obj));
        }
        continue;
      }
      NAVIGATOR_ASSIGN_OR_RETURN(std::optional<bj::value> value,
                                 Materialize(patch[i], items, depth + 1));
      if (value) out.push_back(std::move(*value));
    }
    return out;
  }

  // The class shared by every element of the lists (nullopt: all empty).
  Result<std::optional<ElementClass>> CommonClass(const bj::array* a, const bj::array* b) const {
    std::optional<ElementClass> common;
    const bj::value* first = nullptr;
    for (const bj::array* list : {a, b}) {
      if (!list) continue;
      for (const bj::value& v : *list) {
        const ElementClass c = ClassOf(v);
        if (c == ElementClass::kArray) {
          return Status(StatusCode::kInvalid, Prefixed("lists of lists are not supported"));
        }
        if (!common) {
          common = c;
          first = &v;
        } else if (*common != c) {
          return Error(fmt::format("list element types are not identical: {} and {}",
                                   JsonKindWithArticle(*first), JsonKindWithArticle(v)));
        }
      }
    }
    return common;
  }

  // The identity of an element of an object list: its merge key's value.
  Result<std::string> KeyIdentity(const bj::value& element, std::string_view merge_key) const {
    const bj::object* obj = element.if_object();
    if (!obj) {
      return Error(fmt::format("expected a map, but received {}: {}", JsonKindWithArticle(element),
                               JsonSnippet(element)));
    }
    const bj::value* key = obj->if_contains(merge_key);
    if (!key) return Error(NoMergeKey(*obj, merge_key));
    return Identity(*key);
  }

  // kube's mergeSlice, for lists with the merge strategy. For a list of
  // objects, `server_view` (when not null) receives the identities kube's
  // $setElementOrder ordering then sees as the old list: kube deletes in
  // place, so its old list has the survivors, then as many appended elements
  // as there were deletions.
  Status MergeList(bj::array& original, const bj::array& patch, const FieldMeta& meta,
                   std::size_t depth, std::vector<std::string>* server_view = nullptr) {
    if (depth > kMaxDepth) return DepthError();
    if (original.empty() && patch.empty()) return OkStatus();
    NAVIGATOR_ASSIGN_OR_RETURN(std::optional<ElementClass> common, CommonClass(&original, &patch));
    if (common != ElementClass::kObject) {
      if (!meta.merge_key.empty()) {  // objects expected
        const bj::value& v = original.empty() ? patch.front() : original.front();
        return Error(fmt::format("expected a map, but received {}: {}", JsonKindWithArticle(v),
                                 JsonSnippet(v)));
      }
      MergeScalars(original, patch);
      return OkStatus();
    }
    if (meta.merge_key.empty()) {
      return Error(fmt::format("cannot merge lists without merge key for {}", FieldPath()));
    }
    const std::string_view merge_key = meta.merge_key;
    const bj::object* items = ItemsSchema(meta.schema);

    // "$patch" elements: deletions by key, or replacement of the whole list.
    std::unordered_set<std::string> deleted;
    bool replace = false;
    std::vector<std::pair<std::size_t, const bj::object*>> elements;
    for (std::size_t i = 0; i < patch.size(); ++i) {
      const bj::object& obj = patch[i].get_object();
      const bj::value* d = obj.if_contains(kPatchDirective);
      if (!d) {
        elements.emplace_back(i, &obj);
        continue;
      }
      PathGuard guard = EnterIndex(i);
      const bj::string* s = d->if_string();
      if (s && *s == "delete") {
        const bj::value* key = obj.if_contains(merge_key);
        if (!key) return Error(NoMergeKey(obj, merge_key));
        deleted.insert(Identity(*key));
      } else if (s && *s == "replace") {
        replace = true;
      } else if (s && *s == "merge") {
        return Error("merging lists cannot yet be specified in the patch");
      } else {
        return Error(UnknownPatchType(*d, obj));
      }
    }

    std::vector<Entry> merged;
    std::vector<std::string> survivors;
    if (replace) {
      if (server_view) {
        for (const bj::value& element : original) {
          const bj::object* obj = element.if_object();
          const bj::value* key = obj ? obj->if_contains(merge_key) : nullptr;
          if (!key) continue;
          std::string id = Identity(*key);
          if (!deleted.contains(id)) survivors.push_back(std::move(id));
        }
      }
      for (const auto& [i, obj] : elements) {
        PathGuard guard = EnterIndex(i);
        NAVIGATOR_ASSIGN_OR_RETURN(std::string id, KeyIdentity(patch[i], merge_key));
        NAVIGATOR_ASSIGN_OR_RETURN(std::optional<bj::value> value,
                                   Materialize(patch[i], items, depth + 1));
        merged.push_back(Entry{std::move(id), std::move(*value)});
      }
      elements.clear();
    } else {
      for (bj::value& element : original) {
        NAVIGATOR_ASSIGN_OR_RETURN(std::string id, KeyIdentity(element, merge_key));
        if (deleted.contains(id)) continue;
        if (server_view) survivors.push_back(id);
        merged.push_back(Entry{std::move(id), std::move(element)});
      }
    }

    IndexMap server_order;
    for (std::size_t i = 0; i < merged.size(); ++i) server_order.emplace(merged[i].id, i);
    IndexMap by_id = server_order;
    IndexMap patch_order;
    for (std::size_t n = 0; n < elements.size(); ++n) {
      const auto& [i, obj] = elements[n];
      PathGuard guard = EnterIndex(i);
      NAVIGATOR_ASSIGN_OR_RETURN(std::string id, KeyIdentity(patch[i], merge_key));
      patch_order.emplace(id, n);
      if (auto it = by_id.find(id); it != by_id.end()) {
        NAVIGATOR_RETURN_IF_ERROR(
            MergeMap(merged[it->second].value.get_object(), *obj, items, depth + 1));
        continue;
      }
      NAVIGATOR_ASSIGN_OR_RETURN(std::optional<bj::value> value,
                                 Materialize(patch[i], items, depth + 1));
      by_id.emplace(id, merged.size());
      if (server_view && survivors.size() < original.size()) survivors.push_back(id);
      merged.push_back(Entry{std::move(id), std::move(*value)});
    }
    if (server_view) *server_view = std::move(survivors);
    original = Order(std::move(merged), patch_order, server_order);
    return OkStatus();
  }

  // A merge list of scalars: the union, each value once.
  static void MergeScalars(bj::array& original, const bj::array& patch) {
    IndexMap server_order;
    IndexMap patch_order;
    std::unordered_set<std::string> seen;
    std::vector<Entry> merged;
    for (std::size_t i = 0; i < original.size(); ++i) {
      std::string id = Identity(original[i]);
      server_order.emplace(id, i);
      if (seen.insert(id).second) merged.push_back(Entry{std::move(id), std::move(original[i])});
    }
    for (std::size_t i = 0; i < patch.size(); ++i) {
      std::string id = Identity(patch[i]);
      patch_order.emplace(id, i);
      if (seen.insert(id).second) merged.push_back(Entry{std::move(id), patch[i]});
    }
    original = Order(std::move(merged), patch_order, server_order);
  }

  // "$retainKeys": clears the fields of `original` not listed.
  Status ApplyRetainKeys(bj::object& original, const bj::object& patch) {
    const bj::value* directive = patch.if_contains(kRetainKeysDirective);
    if (!directive) return OkStatus();
    PathGuard guard = Enter(kRetainKeysDirective);
    const bj::array* list = directive->if_array();
    if (!list) {
      return Error(
          fmt::format("invalid patch format of retainKeys: expected a list, but received {}",
                      JsonKindWithArticle(*directive)));
    }
    std::unordered_set<std::string_view> retained;
    for (const bj::value& v : *list) {
      if (const bj::string* s = v.if_string()) retained.insert(View(*s));
    }
    for (const auto& kv : patch) {
      if (kv.value().is_null() || IsDirective(kv.key()) || retained.contains(kv.key())) continue;
      return Error(
          fmt::format("invalid patch format of retainKeys: the patch sets {}, which the "
                      "list does not retain",
                      JsonQuoted(kv.key())));
    }
    std::vector<std::string> cleared;
    for (const auto& kv : original) {
      if (!retained.contains(kv.key())) cleared.emplace_back(kv.key());
    }
    for (const std::string& key : cleared) original.erase(key);
    return OkStatus();
  }

  // kube's validatePatchWithSetOrderList: the patch list's elements must
  // appear in `order`, in the same relative order.
  Status ValidateOrder(const bj::array* patch, const bj::array& order,
                       std::string_view merge_key) const {
    if (!patch || patch->empty() || order.empty()) return OkStatus();
    std::vector<const bj::value*> kept;
    for (const bj::value& v : *patch) {
      if (!merge_key.empty()) {
        const bj::object* obj = v.if_object();
        if (!obj) {
          return Error(fmt::format("expected a map, but received {}: {}", JsonKindWithArticle(v),
                                   JsonSnippet(v)));
        }
        const bj::value* d = obj->if_contains(kPatchDirective);
        if (d && d->is_string() && d->get_string() == "delete") continue;
      }
      kept.push_back(&v);
    }
    std::size_t p = 0;
    std::size_t o = 0;
    while (p < kept.size() && o < order.size()) {
      const bj::object* obj = kept[p]->if_object();
      if (obj && obj->contains(kPatchDirective)) {
        ++p;
        continue;
      }
      std::string left;
      std::string right;
      if (merge_key.empty()) {
        left = Identity(*kept[p]);
        right = Identity(order[o]);
      } else {
        NAVIGATOR_ASSIGN_OR_RETURN(left, KeyIdentity(*kept[p], merge_key));
        NAVIGATOR_ASSIGN_OR_RETURN(right, KeyIdentity(order[o], merge_key));
      }
      if (left == right) ++p;
      ++o;
    }
    if (p < kept.size()) {
      return Error(fmt::format("the order in patch list {} doesn't match $setElementOrder list {}",
                               JsonSnippet(bj::value(*patch)), JsonSnippet(bj::value(order))));
    }
    return OkStatus();
  }

  // "$setElementOrder/<field>": merges the field's list (so the main loop
  // skips it, through `ordered`) and orders the result. Errors about the
  // directive name it; those about the list name the field.
  Status ApplyElementOrder(bj::object& original, const bj::object& patch, std::string_view key,
                           const bj::value& directive, const bj::object* schema, std::size_t depth,
                           std::unordered_set<std::string_view>& ordered) {
    std::optional<std::string_view> field;
    const bj::array* order = nullptr;
    FieldMeta meta;
    bj::value* current = nullptr;
    const bj::array* current_list = nullptr;
    const bj::array* patch_list = nullptr;
    {
      PathGuard guard = Enter(key);
      field = DirectiveField(key, kSetElementOrderPrefix);
      if (!field) return Error("invalid patch format of setElementOrder list");
      order = directive.if_array();
      if (!order) {
        return Error(fmt::format(
            "invalid patch format of setElementOrder list: expected a list, but received {}",
            JsonKindWithArticle(directive)));
      }
      NAVIGATOR_ASSIGN_OR_RETURN(meta, Meta(schema, *field));
      current = original.if_contains(*field);
      const bj::value* patch_value = patch.if_contains(*field);
      current_list = current ? current->if_array() : nullptr;
      patch_list = patch_value ? patch_value->if_array() : nullptr;
      if ((current && !current_list) || (patch_value && !patch_list)) {
        const bj::value& bad = current && !current_list ? *current : *patch_value;
        return Error(fmt::format("{} is ordered by {}, but is {}", JsonQuoted(*field),
                                 JsonQuoted(key), JsonKindWithArticle(bad)));
      }
      NAVIGATOR_RETURN_IF_ERROR(ValidateOrder(patch_list, *order, meta.merge_key));
      if (!current_list && !patch_list) return OkStatus();
    }
    ordered.insert(*field);

    std::optional<ElementClass> common;
    {
      PathGuard guard = Enter(*field);
      NAVIGATOR_ASSIGN_OR_RETURN(common, CommonClass(current_list, patch_list));
      if (common == ElementClass::kObject && meta.merge_key.empty()) {
        return Error("cannot order a list of objects without a merge key");
      }
    }
    const bool objects = common == ElementClass::kObject;
    auto identity = [&](const bj::value& v) -> Result<std::string> {
      if (objects) return KeyIdentity(v, meta.merge_key);
      return Identity(v);
    };
    IndexMap order_index;
    if (common) {
      PathGuard guard = Enter(key);
      for (std::size_t i = 0; i < order->size(); ++i) {
        NAVIGATOR_ASSIGN_OR_RETURN(std::string id, identity((*order)[i]));
        order_index.emplace(std::move(id), i);
      }
    }
    PathGuard guard = Enter(*field);
    IndexMap server_order;
    if (common && current_list) {
      for (std::size_t i = 0; i < current_list->size(); ++i) {
        NAVIGATOR_ASSIGN_OR_RETURN(std::string id, identity((*current_list)[i]));
        server_order.emplace(std::move(id), i);
      }
    }

    bj::array merged;
    if (current_list && patch_list && meta.merge) {
      merged = std::move(current->get_array());
      std::vector<std::string> server_view;
      NAVIGATOR_RETURN_IF_ERROR(
          MergeList(merged, *patch_list, meta, depth + 1, objects ? &server_view : nullptr));
      if (objects) {
        server_order.clear();
        for (std::size_t i = 0; i < server_view.size(); ++i) {
          server_order.emplace(std::move(server_view[i]), i);
        }
      }
    } else if (patch_list) {
      NAVIGATOR_ASSIGN_OR_RETURN(merged,
                                 MaterializeList(*patch_list, ItemsSchema(meta.schema), depth + 1));
    } else {
      merged = std::move(current->get_array());
    }
    if (!common) {
      original[*field] = std::move(merged);
      return OkStatus();
    }
    std::vector<Entry> entries;
    entries.reserve(merged.size());
    for (bj::value& v : merged) {
      NAVIGATOR_ASSIGN_OR_RETURN(std::string id, identity(v));
      entries.push_back(Entry{std::move(id), std::move(v)});
    }
    original[*field] = Order(std::move(entries), order_index, server_order);
    return OkStatus();
  }

  // "$deleteFromPrimitiveList/<field>": removes those values from the list.
  Status ApplyDeleteList(bj::object& original, std::string_view key, const bj::value& directive) {
    PathGuard guard = Enter(key);
    auto field = DirectiveField(key, kDeleteFromPrimitiveListPrefix);
    if (!field) return Error("invalid patch format of primitive list");
    const bj::array* values = directive.if_array();
    if (!values) {
      return Error(
          fmt::format("invalid patch format of primitive list: expected a list, but received {}",
                      JsonKindWithArticle(directive)));
    }
    std::unordered_set<std::string> doomed;
    for (const bj::value& v : *values) {
      if (v.is_object() || v.is_array()) {
        return Error(
            fmt::format("invalid patch format of primitive list: expected scalars, but received {}",
                        JsonKindWithArticle(v)));
      }
      doomed.insert(Identity(v));
    }
    bj::value* current = original.if_contains(*field);
    bj::array* list = current ? current->if_array() : nullptr;
    if (!list) return OkStatus();
    bj::array kept;
    kept.reserve(list->size());
    for (bj::value& v : *list) {
      if (!doomed.contains(Identity(v))) kept.push_back(std::move(v));
    }
    *list = std::move(kept);
    return OkStatus();
  }

  std::vector<std::string> path_;
};

}  // namespace

Status ApplyStrategicMergePatch(bj::value& doc, const bj::value& patch, const bj::object& schema) {
  const bj::object* p = patch.if_object();
  if (!p) {
    return BadRequest(fmt::format("strategic merge patch must be a JSON object, not {}",
                                  JsonKindWithArticle(patch)));
  }
  if (!doc.is_object()) {
    return Internal("strategic merge patch: the document to patch is not a JSON object");
  }
  bj::object work = doc.get_object();
  Merger merger;
  NAVIGATOR_RETURN_IF_ERROR(merger.MergeMap(work, *p, &schema, 0));
  doc = std::move(work);
  return OkStatus();
}

bool HasStrategicPatchDirectives(const bj::value& patch) {
  std::vector<const bj::value*> pending{&patch};
  while (!pending.empty()) {
    const bj::value* v = pending.back();
    pending.pop_back();
    if (const bj::array* arr = v->if_array()) {
      for (const auto& item : *arr) pending.push_back(&item);
    } else if (const bj::object* obj = v->if_object()) {
      for (const auto& kv : *obj) {
        if (IsDirective(kv.key())) return true;
        pending.push_back(&kv.value());
      }
    }
  }
  return false;
}

}  // namespace navigator::api
