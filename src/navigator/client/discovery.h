#pragma once

// API discovery, as client-go's discovery client: which resources the server
// serves, their kinds and scope. Read from /api and /apis, preferring
// aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList, two
// requests in all) and falling back to the legacy documents (APIVersions,
// APIGroupList, then one APIResourceList per group at its preferred version)
// when the server answers with those.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "navigator/base/result.h"
#include "navigator/client/resource_client.h"
#include "navigator/client/rest_client.h"

namespace navigator::client {

// The Accept header asking for aggregated discovery (JSON as a fallback).
inline constexpr std::string_view kAggregatedDiscoveryAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

struct ResourceInfo {
  GroupVersionResource gvr;
  std::string kind;  // "ConfigMap"
  bool namespaced = false;
  std::vector<std::string> verbs;         // "get", "list", ...
  std::vector<std::string> subresources;  // "status", "scale", ...
};

// Resources by API group and kind. Threading: not thread-safe to modify;
// const use from several threads is fine.
class DiscoveryIndex {
 public:
  // Records `info` unless its group already has a resource of its kind (the
  // first seen -- the preferred version -- wins). Subresources (resource
  // names with '/') are not resources: callers fold them into `subresources`.
  void Add(ResourceInfo info);

  // The resource serving `kind` in `group` ("" for the core group) at the
  // group's preferred version; kNotFound when the server serves none.
  Result<ResourceInfo> ResourceFor(std::string_view group, std::string_view kind) const;

  // Every resource, by (group, kind).
  const std::map<std::pair<std::string, std::string>, ResourceInfo>& resources() const {
    return by_kind_;
  }
  // Groups whose documents could not be fetched or read, with the error;
  // discovery of the others goes on (an aggregated API may be down).
  const std::vector<std::pair<std::string, Status>>& failed_groups() const {
    return failed_groups_;
  }
  void AddFailedGroup(std::string group_version, Status status) {
    failed_groups_.emplace_back(std::move(group_version), std::move(status));
  }

 private:
  std::map<std::pair<std::string, std::string>, ResourceInfo> by_kind_;
  std::vector<std::pair<std::string, Status>> failed_groups_;
};

// Reads /api and /apis (and, for a legacy server, each group's preferred
// version). Fails when /api or /apis themselves fail; a failing group
// document is recorded in failed_groups().
Result<DiscoveryIndex> Discover(RestClient& client);

// The parsers, for tests and fuzzing. Every one is bounded and fails with
// kBadRequest naming the offending field for a body of the wrong shape.
//
// An APIGroupDiscoveryList (apidiscovery.k8s.io/v2) into `index`.
Status ParseAggregatedDiscovery(std::string_view body, DiscoveryIndex& index);
// An APIResourceList (/api/v1, /apis/<group>/<version>) into `index`.
Status ParseApiResourceList(std::string_view body, DiscoveryIndex& index);
// The group versions to read next from an APIVersions (/api: "v1") or an
// APIGroupList (/apis: each group's preferred "group/version").
Result<std::vector<std::string>> ParseLegacyGroupVersions(std::string_view body);

// The "kind" of a discovery body ("APIGroupDiscoveryList", "APIVersions", ...),
// "" when it is no JSON object with a string kind.
std::string DiscoveryKind(std::string_view body);

}  // namespace navigator::client
