#include "navigator/api/codec/json_parse.h"

#include <fmt/format.h>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parser.hpp>
#include <cmath>
#include <set>

namespace navigator::api {
namespace {

namespace bj = boost::json;

// A SAX handler that only tracks object keys, to find duplicates with their
// paths. Runs as a second pass, only when duplicates are asked for.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<std::string> duplicates;

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) { return Push(true); }
  bool on_object_end(std::size_t, bj::error_code&) { return Pop(); }
  bool on_array_begin(bj::error_code&) { return Push(false); }
  bool on_array_end(std::size_t, bj::error_code&) { return Pop(); }
  bool on_key_part(std::string_view s, std::size_t, bj::error_code&) {
    key_ += s;
    return true;
  }
  bool on_key(std::string_view s, std::size_t, bj::error_code&) {
    key_ += s;
    Frame& f = frames_.back();
    f.current_key = std::move(key_);
    key_.clear();
    if (!f.keys.insert(f.current_key).second) duplicates.push_back(f.path + "." + f.current_key);
    return true;
  }
  bool on_string_part(std::string_view, std::size_t, bj::error_code&) { return true; }
  bool on_string(std::string_view, std::size_t, bj::error_code&) { return Scalar(); }
  bool on_number_part(std::string_view, bj::error_code&) { return true; }
  bool on_int64(int64_t, std::string_view, bj::error_code&) { return Scalar(); }
  bool on_uint64(uint64_t, std::string_view, bj::error_code&) { return Scalar(); }
  bool on_double(double, std::string_view, bj::error_code&) { return Scalar(); }
  bool on_bool(bool, bj::error_code&) { return Scalar(); }
  bool on_null(bj::error_code&) { return Scalar(); }
  bool on_comment_part(std::string_view, bj::error_code&) { return true; }
  bool on_comment(std::string_view, bj::error_code&) { return true; }

 private:
  struct Frame {
    bool is_object = false;
    std::string path;  // of this container, e.g. ".spec.nodePools[1]"
    std::set<std::string> keys;
    std::string current_key;
    std::size_t next_index = 0;
  };

  // The path of the value that starts now, advancing the parent array's index.
  std::string ChildPath() {
    if (frames_.empty()) return "";
    Frame& parent = frames_.back();
    if (parent.is_object) return parent.path + "." + parent.current_key;
    return fmt::format("{}[{}]", parent.path, parent.next_index++);
  }
  bool Push(bool is_object) {
    std::string path = ChildPath();
    frames_.push_back(Frame{.is_object = is_object, .path = std::move(path)});
    return true;
  }
  bool Pop() {
    frames_.pop_back();
    return true;
  }
  bool Scalar() {
    if (!frames_.empty() && !frames_.back().is_object) frames_.back().next_index++;
    return true;
  }

  std::vector<Frame> frames_;
  std::string key_;
};

// Boost.JSON reads numbers beyond double's range as infinity; Go's decoder
// (and so Kubernetes) refuses them. Iterative: depth is bounded, but a wide
// document should not cost recursion either.
bool HasNonFiniteNumber(const bj::value& root) {
  std::vector<const bj::value*> pending{&root};
  while (!pending.empty()) {
    const bj::value* v = pending.back();
    pending.pop_back();
    if (v->is_double() && !std::isfinite(v->get_double())) return true;
    if (const auto* arr = v->if_array()) {
      for (const auto& item : *arr) pending.push_back(&item);
    } else if (const auto* obj = v->if_object()) {
      for (const auto& kv : *obj) pending.push_back(&kv.value());
    }
  }
  return false;
}

std::vector<std::string> FindDuplicateKeys(std::string_view text, const bj::parse_options& opts) {
  bj::basic_parser<DuplicateKeyFinder> parser(opts);
  bj::error_code ec;
  parser.write_some(false, text.data(), text.size(), ec);
  return std::move(parser.handler().duplicates);
}

}  // namespace

Result<ParsedJson> ParseJson(std::string_view text, bool report_duplicates,
                             const ParseLimits& limits) {
  bj::parse_options opts;
  opts.max_depth = limits.max_depth;
  bj::parser parser(bj::storage_ptr(), opts);
  bj::error_code ec;
  // write() parses one complete document; trailing whitespace is allowed and
  // anything else is error::extra_data.
  std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (ec) {
    if (ec == bj::error::too_deep) {
      return BadRequest(
          fmt::format("JSON nests deeper than the limit of {} levels", limits.max_depth));
    }
    return BadRequest(fmt::format("malformed JSON at offset {}: {}", consumed, ec.message()));
  }
  ParsedJson out{.value = parser.release(), .duplicate_fields = {}};
  if (HasNonFiniteNumber(out.value)) {
    return BadRequest("malformed JSON: a number is out of the range of a 64-bit float");
  }
  if (report_duplicates) out.duplicate_fields = FindDuplicateKeys(text, opts);
  return out;
}

}  // namespace navigator::api
