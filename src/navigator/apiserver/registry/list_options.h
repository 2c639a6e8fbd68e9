#pragma once

// The query parameters of LIST, WATCH and DELETECOLLECTION, validated as
// kube-apiserver validates metav1.ListOptions.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "navigator/api/meta/field_selector.h"
#include "navigator/api/meta/label_selector.h"
#include "navigator/base/result.h"

namespace navigator::registry {

enum class ResourceVersionMatch { kUnset, kNotOlderThan, kExact };

struct ListOptions {
  api::LabelSelector label_selector;
  api::FieldSelector field_selector;
  // Unset and "" both mean "the most recent" (a consistent read).
  std::string resource_version;
  ResourceVersionMatch resource_version_match = ResourceVersionMatch::kUnset;
  int64_t limit = 0;  // 0: no limit
  std::string continue_token;

  bool watch = false;
  bool allow_watch_bookmarks = false;
  std::optional<bool> send_initial_events;
  std::optional<int64_t> timeout_seconds;
};

// Looks a query parameter up by name; nullptr when absent.
using QueryLookup = std::function<const std::string*(std::string_view name)>;

// Parses and validates the list options of a request. `watch_request` is true
// for `?watch=true` (then `watch` is set too). Errors: kBadRequest for
// unparsable values (selectors, numbers, booleans), kInvalid (422, kind
// ListOptions) for combinations Kubernetes forbids.
Result<ListOptions> ParseListOptions(const QueryLookup& query);

// A Go strconv.ParseBool value ("1", "t", "true", "TRUE", "0", "false", ...).
Result<bool> ParseQueryBool(std::string_view name, std::string_view text);

}  // namespace navigator::registry
