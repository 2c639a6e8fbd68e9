#pragma once

// Unstructured (JSON) access to one resource of any API group, as client-go's
// dynamic client: get, list, create, update, update status, patch (JSON,
// merge, strategic merge, server-side apply) and delete, on objects held as
// boost::json::object. The paths are
//   /api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]       (core)
//   /apis/<group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/...]]
// with every segment checked and escaped: a name or namespace that is empty,
// "." or "..", holds '/' or '%' or a control character, or is over 253 bytes
// is refused with kBadRequest before anything is sent.
//
// Ownership and threading: `client` must outlive the ResourceClient; every
// method is const and thread-safe as the RestClient is.

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "navigator/base/result.h"
#include "navigator/client/rest_client.h"

namespace navigator::client {

struct GroupVersionResource {
  std::string group;     // "" for the core group
  std::string version;   // "v1"
  std::string resource;  // plural, lower case: "configmaps"

  // "/api/v1" or "/apis/<group>/<version>".
  std::string ApiPath() const;
  // "configmaps" or "leases.v1.coordination.k8s.io", for messages.
  std::string ToString() const;
  bool operator==(const GroupVersionResource&) const = default;
  auto operator<=>(const GroupVersionResource&) const = default;
};

struct ListOptions {
  std::string label_selector;    // "app=x,tier!=db"
  std::string field_selector;    // "metadata.name=x"
  std::int64_t limit = 0;        // 0: no paging
  std::string continue_token;    // from the previous page's metadata.continue
  std::string resource_version;  // "" (most recent), "0" (any), or a version
};

// Who writes: field manager for managed fields, and server-side dry run.
struct WriteOptions {
  std::string field_manager;
  bool dry_run = false;
};

enum class PatchType {
  kJson,            // RFC 6902, application/json-patch+json
  kMerge,           // RFC 7386, application/merge-patch+json
  kStrategicMerge,  // application/strategic-merge-patch+json (built-in kinds)
  kApply,           // server-side apply, application/apply-patch+yaml
};

// The Content-Type of a patch type.
std::string_view PatchContentType(PatchType type);

struct PatchOptions {
  // Required for kApply (kBadRequest without one); optional otherwise.
  std::string field_manager;
  // kApply only: take over fields other managers own (kBadRequest otherwise).
  bool force = false;
  bool dry_run = false;
  // "status" to patch the status subresource; "" for the object.
  std::string subresource;
};

struct DeleteOptions {
  // "", "Orphan", "Background" or "Foreground" (kBadRequest otherwise).
  std::string propagation_policy;
  std::optional<std::int64_t> grace_period_seconds;
  // Preconditions: delete only if the object still has this UID / version.
  std::string precondition_uid;
  std::string precondition_resource_version;
  bool dry_run = false;
};

class ResourceClient {
 public:
  // `namespaced`: whether the resource lives in namespaces (discovery's
  // scope). For a cluster-scoped resource every `ns` argument must be "".
  ResourceClient(RestClient& client, GroupVersionResource gvr, bool namespaced);

  const GroupVersionResource& gvr() const { return gvr_; }
  bool namespaced() const { return namespaced_; }

  // Namespaced resources need a namespace for everything but List (where ""
  // lists across all namespaces).
  Result<boost::json::object> Get(std::string_view ns, std::string_view name) const;
  // The list object (items, metadata.resourceVersion, metadata.continue).
  Result<boost::json::object> List(std::string_view ns, const ListOptions& options = {}) const;
  // POSTs `object` (its metadata.name or generateName names it; a
  // metadata.namespace other than `ns` is refused).
  Result<boost::json::object> Create(std::string_view ns, const boost::json::object& object,
                                     const WriteOptions& options = {}) const;
  // PUTs `object` to its metadata.name (required); metadata.resourceVersion,
  // when set, makes it conditional (kConflict if stale).
  Result<boost::json::object> Update(std::string_view ns, const boost::json::object& object,
                                     const WriteOptions& options = {}) const;
  // The same on the status subresource.
  Result<boost::json::object> UpdateStatus(std::string_view ns, const boost::json::object& object,
                                           const WriteOptions& options = {}) const;
  // PATCHes `name` with `patch` (a JSON array for kJson, a JSON object for the
  // others; YAML is fine for kApply).
  Result<boost::json::object> Patch(std::string_view ns, std::string_view name, PatchType type,
                                    std::string_view patch, const PatchOptions& options = {}) const;
  // DELETEs `name`; the answer is the object (still there while finalizers
  // run) or a metav1.Status of success.
  Result<boost::json::object> Delete(std::string_view ns, std::string_view name,
                                     const DeleteOptions& options = {}) const;

  // The collection path ("" namespace: all namespaces, or cluster-scoped) and
  // an object's path, checked and escaped, for watches and custom requests.
  Result<std::string> CollectionPath(std::string_view ns) const;
  Result<std::string> ObjectPath(std::string_view ns, std::string_view name,
                                 std::string_view subresource = {}) const;

 private:
  Result<boost::json::object> Send(RestRequest request) const;
  Result<boost::json::object> Put(std::string_view ns, const boost::json::object& object,
                                  const WriteOptions& options, std::string_view subresource) const;

  RestClient& client_;
  const GroupVersionResource gvr_;
  const bool namespaced_;
};

// kBadRequest unless `segment` may be one path segment naming an object or
// namespace (the rules above); `what` names it in the message ("name").
Status ValidatePathSegment(std::string_view segment, std::string_view what);

}  // namespace navigator::client
