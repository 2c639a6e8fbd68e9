#pragma once

// The wire forms a Reflector reads: one line of a watch stream
// (metav1.WatchEvent as JSON) and one page of a list (a *List object).
// Both parsers take untrusted server output: anything malformed is a
// kBadRequest Status saying what is wrong, never a crash.

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::client {

enum class WatchEventType { kAdded, kModified, kDeleted, kBookmark, kError };

struct WatchEvent {
  WatchEventType type = WatchEventType::kAdded;
  // The object (for kError a metav1.Status).
  boost::json::object object;
  // For kError: the Status decoded from `object` (its code and message).
  Status error;
};

// Parses one watch line: {"type": "...", "object": {...}}. kBadRequest when
// the line is not JSON, not an object, has an unknown or missing type, or no
// object. For ADDED, MODIFIED, DELETED and BOOKMARK the object must carry
// metadata.resourceVersion (a non-empty string); for ADDED, MODIFIED and DELETED also
// a store key (ObjectKey: a non-empty metadata.name, a string namespace).
Result<WatchEvent> ParseWatchEvent(std::string_view line);

struct ListPage {
  std::vector<boost::json::object> items;
  std::string resource_version;  // metadata.resourceVersion, required
  std::string continue_token;    // metadata.continue, "" on the last page
};

// Parses a list response body. Items without kind/apiVersion get them from the
// list ("NamespaceList" -> "Namespace"), as watch events carry them. kBadRequest
// when the body is not a JSON object, has no non-empty metadata.resourceVersion string,
// or `items` is present but not an array of objects.
Result<ListPage> ParseListPage(std::string_view body);

}  // namespace navigator::client
