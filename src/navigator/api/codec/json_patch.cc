#include "navigator/api/codec/json_patch.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "navigator/api/codec/json_pointer.h"
#include "navigator/api/codec/json_snippet.h"
#include "navigator/base/result.h"

namespace navigator::api {
namespace {

namespace bj = boost::json;

using Tokens = std::vector<std::string>;

enum class OpKind { kAdd, kRemove, kReplace, kMove, kCopy, kTest };

// One decoded operation. Views point into the patch, which outlives it.
struct Operation {
  OpKind kind = OpKind::kAdd;
  std::string_view name;
  std::string_view path_text;
  Tokens path;
  std::string_view from_text;
  Tokens from;
  const bj::value* value = nullptr;
};

std::optional<OpKind> ParseOpKind(std::string_view name) {
  if (name == "add") return OpKind::kAdd;
  if (name == "remove") return OpKind::kRemove;
  if (name == "replace") return OpKind::kReplace;
  if (name == "move") return OpKind::kMove;
  if (name == "copy") return OpKind::kCopy;
  if (name == "test") return OpKind::kTest;
  return std::nullopt;
}

// Reads the pointer in `member` of `op` into `text` and `tokens`.
Status DecodePointer(const bj::object& op, std::string_view member, const std::string& where,
                     std::string_view& text, Tokens& tokens) {
  const bj::value* v = op.if_contains(member);
  if (!v) return BadRequest(fmt::format("{}: missing \"{}\"", where, member));
  const bj::string* s = v->if_string();
  if (!s) {
    return BadRequest(
        fmt::format("{}: \"{}\" must be a string, not {}", where, member, JsonKindWithArticle(*v)));
  }
  text = std::string_view(s->data(), s->size());
  auto parsed = ParseJsonPointer(text);
  if (!parsed.ok()) {
    return BadRequest(fmt::format("{}: \"{}\" is not a JSON pointer ({}): {}", where, member,
                                  JsonQuoted(text), parsed.status().message()));
  }
  tokens = std::move(*parsed);
  return OkStatus();
}

Result<Operation> DecodeOperation(const bj::value& v, std::size_t index) {
  const bj::object* obj = v.if_object();
  if (!obj) {
    return BadRequest(fmt::format("json patch operation {}: must be a JSON object, not {}", index,
                                  JsonKindWithArticle(v)));
  }
  const bj::value* op = obj->if_contains("op");
  if (!op) return BadRequest(fmt::format("json patch operation {}: missing \"op\"", index));
  const bj::string* name = op->if_string();
  if (!name) {
    return BadRequest(fmt::format("json patch operation {}: \"op\" must be a string, not {}", index,
                                  JsonKindWithArticle(*op)));
  }
  Operation out;
  out.name = std::string_view(name->data(), name->size());
  auto kind = ParseOpKind(out.name);
  if (!kind) {
    return BadRequest(fmt::format(
        "json patch operation {}: unknown \"op\" {}: expected add, remove, replace, move, copy "
        "or test",
        index, JsonQuoted(out.name)));
  }
  out.kind = *kind;
  const std::string where = fmt::format("json patch operation {} ({})", index, out.name);
  NAVIGATOR_RETURN_IF_ERROR(DecodePointer(*obj, "path", where, out.path_text, out.path));
  if (out.kind == OpKind::kMove || out.kind == OpKind::kCopy) {
    NAVIGATOR_RETURN_IF_ERROR(DecodePointer(*obj, "from", where, out.from_text, out.from));
  }
  if (out.kind == OpKind::kAdd || out.kind == OpKind::kReplace || out.kind == OpKind::kTest) {
    out.value = obj->if_contains("value");
    if (!out.value) return BadRequest(fmt::format("{}: missing \"value\"", where));
  }
  return out;
}

double AsDouble(const bj::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  return v.get_double();
}

// JSON equality as `test` needs it: numbers compare by value (1 == 1.0),
// object members in any order. Recursion is bounded by the shallower value.
bool JsonEqual(const bj::value& a, const bj::value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_double() || b.is_double()) return AsDouble(a) == AsDouble(b);
    return a == b;  // Boost.JSON compares int64 with uint64 by value
  }
  if (a.kind() != b.kind()) return false;
  if (const bj::array* x = a.if_array()) {
    const bj::array& y = b.get_array();
    if (x->size() != y.size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
      if (!JsonEqual((*x)[i], y[i])) return false;
    }
    return true;
  }
  if (const bj::object* x = a.if_object()) {
    const bj::object& y = b.get_object();
    if (x->size() != y.size()) return false;
    for (const auto& kv : *x) {
      const bj::value* other = y.if_contains(kv.key());
      if (!other || !JsonEqual(kv.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

// Nesting depth of `v`: 0 for a scalar, 1 + the deepest member for a
// container. Iterative; adds the number of values visited to `visited`.
std::size_t Depth(const bj::value& v, std::size_t& visited) {
  std::size_t deepest = 0;
  std::vector<std::pair<const bj::value*, std::size_t>> pending{{&v, 0}};
  while (!pending.empty()) {
    auto [cur, depth] = pending.back();
    pending.pop_back();
    ++visited;
    if (const bj::array* arr = cur->if_array()) {
      deepest = std::max(deepest, depth + 1);
      for (const auto& item : *arr) pending.emplace_back(&item, depth + 1);
    } else if (const bj::object* obj = cur->if_object()) {
      deepest = std::max(deepest, depth + 1);
      for (const auto& kv : *obj) pending.emplace_back(&kv.value(), depth + 1);
    }
  }
  return deepest;
}

// The length of `v` written as JSON, counting no further than just past `cap`.
std::size_t SerializedSize(const bj::value& v, std::size_t cap) {
  bj::serializer sr;
  sr.reset(&v);
  char buffer[4096];
  std::size_t size = 0;
  while (!sr.done() && size <= cap) size += sr.read(buffer, sizeof buffer).size();
  return size;
}

// Applies decoded operations to a working copy of the document.
class Applier {
 public:
  Applier(bj::value& root, const JsonPatchLimits& limits) : root_(root), limits_(limits) {}

  // Error messages are those of evanphx/json-patch where it has one; the
  // caller prefixes the operation.
  Status Apply(const Operation& op) {
    switch (op.kind) {
      case OpKind::kAdd:
        NAVIGATOR_RETURN_IF_ERROR(CheckDepth(op.path, op.path_text, *op.value, nullptr));
        return Add(op.path, op.path_text, *op.value, "add", "path");
      case OpKind::kRemove:
        return Remove(op.path, op.path_text, nullptr);
      case OpKind::kReplace:
        return Replace(op);
      case OpKind::kMove:
        return Move(op);
      case OpKind::kCopy:
        return Copy(op);
      case OpKind::kTest:
        return Test(op);
    }
    return Internal("unreachable json patch op");
  }

 private:
  static Status Missing(std::string_view op, std::string_view what, std::string_view text) {
    return Status(StatusCode::kInvalid,
                  fmt::format("{} operation does not apply: doc is missing {}: "
                              "{}: missing value",
                              op, what, JsonQuoted(text)));
  }
  static Status BadIndex(std::string_view op, std::string_view text, std::string_view token) {
    const bool digits = !token.empty() && token.find_first_not_of("0123456789") == token.npos;
    const std::string why =
        digits ? fmt::format("Unable to access invalid index: {}: invalid index referenced",
                             JsonQuoted(token))
               : fmt::format("value was not a proper array index: {}", JsonQuoted(token));
    return Status(StatusCode::kInvalid,
                  fmt::format("error in {} for path: {}: {}", op, JsonQuoted(text), why));
  }

  // The value `tokens` names (its first `count` tokens), or null.
  bj::value* Find(const Tokens& tokens, std::size_t count) {
    bj::value* cur = &root_;
    for (std::size_t i = 0; i < count && cur; ++i) {
      if (bj::object* obj = cur->if_object()) {
        cur = obj->if_contains(tokens[i]);
      } else if (bj::array* arr = cur->if_array()) {
        auto index = arr->empty() ? std::nullopt : ParseJsonArrayIndex(tokens[i], arr->size() - 1);
        cur = index ? &(*arr)[*index] : nullptr;
      } else {
        cur = nullptr;
      }
    }
    return cur;
  }
  bj::value* Find(const Tokens& tokens) { return Find(tokens, tokens.size()); }
  // The object or array that holds what `tokens` names, or null.
  bj::value* Parent(const Tokens& tokens) {
    bj::value* parent = Find(tokens, tokens.size() - 1);
    return parent && (parent->is_object() || parent->is_array()) ? parent : nullptr;
  }

  // Refuses to write `v` where it would nest deeper than the limit.
  // `scan_budget` is null for values from the patch, whose size bounds the
  // work; moves count against max_move_scan_values.
  Status CheckDepth(const Tokens& at, std::string_view text, const bj::value& v,
                    std::size_t* scan_budget) {
    std::size_t visited = 0;
    const std::size_t depth = at.size() + Depth(v, visited);
    if (scan_budget) {
      *scan_budget += visited;
      if (*scan_budget > limits_.max_move_scan_values) {
        return Status(StatusCode::kInvalid,
                      fmt::format("the patch moves too many values into deeper places (more than "
                                  "{} in all)",
                                  limits_.max_move_scan_values));
      }
    }
    if (depth > limits_.max_depth) {
      return Status(StatusCode::kInvalid,
                    fmt::format("the value written at {} would nest the document deeper than the "
                                "limit of {} levels",
                                JsonQuoted(text), limits_.max_depth));
    }
    return OkStatus();
  }

  Status Add(const Tokens& path, std::string_view text, bj::value v, std::string_view op,
             std::string_view what) {
    if (path.empty()) {
      root_ = std::move(v);
      return OkStatus();
    }
    bj::value* parent = Parent(path);
    if (!parent) return Missing(op, what, text);
    const std::string& key = path.back();
    if (bj::object* obj = parent->if_object()) {
      (*obj)[key] = std::move(v);
      return OkStatus();
    }
    bj::array& arr = parent->get_array();
    if (key == "-") {
      arr.push_back(std::move(v));
      return OkStatus();
    }
    auto index = ParseJsonArrayIndex(key, arr.size());
    if (!index) return BadIndex(op, text, key);
    arr.insert(arr.begin() + static_cast<std::ptrdiff_t>(*index), std::move(v));
    return OkStatus();
  }

  // Removes what `path` names, into `removed` when not null.
  Status Remove(const Tokens& path, std::string_view text, bj::value* removed) {
    if (path.empty()) {
      return Status(StatusCode::kInvalid,
                    "remove operation does not apply: the whole document cannot be removed");
    }
    bj::value* parent = Parent(path);
    if (!parent) return Missing("remove", "path", text);
    const std::string& key = path.back();
    if (bj::object* obj = parent->if_object()) {
      auto it = obj->find(key);
      if (it == obj->end()) {
        return Status(StatusCode::kInvalid,
                      fmt::format("error in remove for path: {}: Unable to remove nonexistent "
                                  "key: {}: missing value",
                                  JsonQuoted(text), JsonQuoted(key)));
      }
      if (removed) *removed = std::move(it->value());
      obj->erase(it);
      return OkStatus();
    }
    bj::array& arr = parent->get_array();
    auto index = arr.empty() ? std::nullopt : ParseJsonArrayIndex(key, arr.size() - 1);
    if (!index) return BadIndex("remove", text, key);
    auto it = arr.begin() + static_cast<std::ptrdiff_t>(*index);
    if (removed) *removed = std::move(*it);
    arr.erase(it);
    return OkStatus();
  }

  Status Replace(const Operation& op) {
    NAVIGATOR_RETURN_IF_ERROR(CheckDepth(op.path, op.path_text, *op.value, nullptr));
    if (op.path.empty()) {
      root_ = *op.value;
      return OkStatus();
    }
    bj::value* parent = Parent(op.path);
    if (!parent) return Missing("replace", "path", op.path_text);
    bj::value* target = Find(op.path);
    if (!target) {
      if (parent->is_array()) return BadIndex("replace", op.path_text, op.path.back());
      return Missing("replace", "key", op.path_text);
    }
    *target = *op.value;
    return OkStatus();
  }

  Status Move(const Operation& op) {
    if (!Find(op.from)) return Missing("move", "from path", op.from_text);
    if (IsProperJsonPointerPrefix(op.from, op.path)) {
      return Status(StatusCode::kInvalid,
                    fmt::format("move operation does not apply: \"from\" {} is a proper prefix of "
                                "\"path\" {}: a value cannot be moved into one of its children",
                                JsonQuoted(op.from_text), JsonQuoted(op.path_text)));
    }
    if (op.from == op.path) return OkStatus();
    if (op.path.size() > op.from.size()) {
      NAVIGATOR_RETURN_IF_ERROR(
          CheckDepth(op.path, op.path_text, *Find(op.from), &move_scan_values_));
    }
    bj::value moved;
    NAVIGATOR_RETURN_IF_ERROR(Remove(op.from, op.from_text, &moved));
    return Add(op.path, op.path_text, std::move(moved), "move", "destination path");
  }

  Status Copy(const Operation& op) {
    const bj::value* source = Find(op.from);
    if (!source) return Missing("copy", "from path", op.from_text);
    const std::size_t left = limits_.max_copy_bytes - copied_bytes_;
    const std::size_t size = SerializedSize(*source, left);
    if (size > left) {
      return Status(StatusCode::kInvalid,
                    fmt::format("Unable to complete the copy, the accumulated size increase of "
                                "copy is {}, exceeding the limit {}",
                                copied_bytes_ + size, limits_.max_copy_bytes));
    }
    copied_bytes_ += size;
    NAVIGATOR_RETURN_IF_ERROR(CheckDepth(op.path, op.path_text, *source, nullptr));
    return Add(op.path, op.path_text, bj::value(*source), "copy", "destination path");
  }

  Status Test(const Operation& op) {
    const bj::value* target = Find(op.path);
    if (!target) {
      return Status(StatusCode::kInvalid,
                    fmt::format("test operation does not apply: is missing path: {}: missing value",
                                JsonQuoted(op.path_text)));
    }
    if (!JsonEqual(*target, *op.value)) {
      return Status(StatusCode::kInvalid,
                    fmt::format("testing value {} failed: test failed", JsonQuoted(op.path_text)));
    }
    return OkStatus();
  }

  bj::value& root_;
  const JsonPatchLimits& limits_;
  std::size_t copied_bytes_ = 0;
  std::size_t move_scan_values_ = 0;
};

}  // namespace

Status ApplyJsonPatch(bj::value& doc, const bj::value& patch, const JsonPatchLimits& limits) {
  const bj::array* ops = patch.if_array();
  if (!ops) {
    return BadRequest(fmt::format("json patch must be a JSON array of operations, not {}",
                                  JsonKindWithArticle(patch)));
  }
  if (ops->size() > limits.max_operations) {
    return Status(StatusCode::kRequestEntityTooLarge,
                  fmt::format("The allowed maximum operations in a JSON patch is {}, got {}",
                              limits.max_operations, ops->size()));
  }
  std::vector<Operation> decoded;
  decoded.reserve(ops->size());
  for (std::size_t i = 0; i < ops->size(); ++i) {
    NAVIGATOR_ASSIGN_OR_RETURN(Operation op, DecodeOperation((*ops)[i], i));
    decoded.push_back(std::move(op));
  }

  bj::value work = doc;
  Applier applier(work, limits);
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    Status s = applier.Apply(decoded[i]);
    if (!s.ok()) {
      return Status(s.code(), fmt::format("json patch operation {} ({}): {}", i, decoded[i].name,
                                          s.message()));
    }
  }
  doc = std::move(work);
  return OkStatus();
}

}  // namespace navigator::api
