#include "navigator/apiserver/registry/list_options.h"

#include <fmt/format.h>

#include <charconv>

#include "navigator/api/validation/field_errors.h"
#include "navigator/apiserver/registry/request_options.h"

namespace navigator::registry {
namespace {

constexpr std::size_t kMaxEcho = 64;

Result<int64_t> ParseQueryInt(std::string_view name, std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    return BadRequest(
        fmt::format("invalid value \"{}\" for query parameter {}: expected an integer",
                    text.substr(0, kMaxEcho), name));
  }
  return value;
}

}  // namespace

Result<bool> ParseQueryBool(std::string_view name, std::string_view text) {
  if (text == "1" || text == "t" || text == "T" || text == "true" || text == "TRUE" ||
      text == "True") {
    return true;
  }
  if (text == "0" || text == "f" || text == "F" || text == "false" || text == "FALSE" ||
      text == "False") {
    return false;
  }
  return BadRequest(
      fmt::format("invalid value \"{}\" for query parameter {}: expected true or false",
                  text.substr(0, kMaxEcho), name));
}

Result<ListOptions> ParseListOptions(const QueryLookup& query) {
  ListOptions out;
  if (const std::string* v = query("labelSelector")) {
    NAVIGATOR_ASSIGN_OR_RETURN(out.label_selector, api::LabelSelector::Parse(*v));
  }
  if (const std::string* v = query("fieldSelector")) {
    NAVIGATOR_ASSIGN_OR_RETURN(out.field_selector, api::FieldSelector::Parse(*v));
  }
  if (const std::string* v = query("resourceVersion")) {
    if (!v->empty()) {
      auto parsed = ParseResourceVersion(*v);
      if (!parsed.ok()) return parsed.status();
    }
    out.resource_version = *v;
  }
  if (const std::string* v = query("resourceVersionMatch")) {
    if (*v == "NotOlderThan") {
      out.resource_version_match = ResourceVersionMatch::kNotOlderThan;
    } else if (*v == "Exact") {
      out.resource_version_match = ResourceVersionMatch::kExact;
    } else if (!v->empty()) {
      return BadRequest(
          fmt::format("invalid resourceVersionMatch \"{}\": must be NotOlderThan or Exact",
                      v->substr(0, kMaxEcho)));
    }
  }
  if (const std::string* v = query("limit")) {
    NAVIGATOR_ASSIGN_OR_RETURN(out.limit, ParseQueryInt("limit", *v));
    if (out.limit < 0) out.limit = 0;  // as Kubernetes: a negative limit means none
  }
  if (const std::string* v = query("continue")) out.continue_token = *v;
  if (const std::string* v = query("watch")) {
    NAVIGATOR_ASSIGN_OR_RETURN(out.watch, ParseQueryBool("watch", *v));
  }
  if (const std::string* v = query("allowWatchBookmarks")) {
    NAVIGATOR_ASSIGN_OR_RETURN(out.allow_watch_bookmarks,
                               ParseQueryBool("allowWatchBookmarks", *v));
  }
  if (const std::string* v = query("sendInitialEvents")) {
    NAVIGATOR_ASSIGN_OR_RETURN(bool send, ParseQueryBool("sendInitialEvents", *v));
    out.send_initial_events = send;
  }
  if (const std::string* v = query("timeoutSeconds")) {
    NAVIGATOR_ASSIGN_OR_RETURN(int64_t t, ParseQueryInt("timeoutSeconds", *v));
    if (t < 0) return BadRequest("timeoutSeconds must not be negative");
    out.timeout_seconds = t;
  }

  // The combinations k8s.io/apimachinery's ValidateListOptions forbids.
  api::FieldErrorList errors;
  const api::FieldPath rvm("resourceVersionMatch");
  const bool has_match = out.resource_version_match != ResourceVersionMatch::kUnset;
  if (out.send_initial_events) {
    if (!out.watch) {
      errors.Forbidden(api::FieldPath("sendInitialEvents"),
                       "sendInitialEvents is forbidden for list");
    }
    if (out.resource_version_match != ResourceVersionMatch::kNotOlderThan) {
      errors.Forbidden(rvm,
                       "sendInitialEvents requires setting resourceVersionMatch to "
                       "NotOlderThan");
    }
    if (!out.allow_watch_bookmarks) {
      errors.Forbidden(api::FieldPath("allowWatchBookmarks"),
                       "sendInitialEvents requires setting allowWatchBookmarks to true");
    }
  } else if (out.watch && has_match) {
    errors.Forbidden(rvm,
                     "resourceVersionMatch is forbidden for watch unless sendInitialEvents "
                     "is provided");
  } else if (has_match && out.resource_version.empty()) {
    errors.Forbidden(rvm, "resourceVersionMatch is forbidden unless resourceVersion is provided");
  }
  if (has_match && !out.continue_token.empty()) {
    errors.Forbidden(rvm, "resourceVersionMatch is forbidden when continue is provided");
  }
  if (out.resource_version_match == ResourceVersionMatch::kExact && out.resource_version == "0") {
    errors.Forbidden(rvm, "resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"");
  }
  if (!out.continue_token.empty() && !out.resource_version.empty() && out.resource_version != "0") {
    errors.Forbidden(api::FieldPath("resourceVersion"),
                     "specifying resource version is not allowed when using continue");
  }
  if (!errors.empty()) return api::ToInvalidStatus("ListOptions", "", errors, "meta.k8s.io");
  return out;
}

}  // namespace navigator::registry
