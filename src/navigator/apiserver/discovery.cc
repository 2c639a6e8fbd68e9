#include "navigator/apiserver/discovery.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "navigator/api/navigator/kinds.h"

namespace navigator::apiserver {
namespace {

namespace bj = boost::json;

bj::object GroupVersion(std::string_view version) {
  return bj::object{{"groupVersion", fmt::format("{}/{}", api::kGroup, version)},
                    {"version", version}};
}

bj::object Group() {
  bj::array versions;
  for (auto v : api::kServedVersions) versions.push_back(GroupVersion(v));
  return bj::object{{"name", api::kGroup},
                    {"versions", std::move(versions)},
                    {"preferredVersion", GroupVersion(api::kServedVersions.front())}};
}

// The verbs served on the main resource and on /status.
constexpr std::string_view kResourceVerbs[] = {"create", "delete", "get",
                                               "list",   "patch",  "update"};
constexpr std::string_view kStatusVerbs[] = {"get", "patch", "update"};

}  // namespace

bj::value LegacyApiVersions() {
  return bj::object{{"kind", "APIVersions"},
                    {"versions", bj::array()},
                    {"serverAddressByClientCIDRs", bj::array()}};
}

bj::value ApiGroupList() {
  return bj::object{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", bj::array{Group()}}};
}

bj::value NavigatorApiGroup() {
  bj::object group{{"kind", "APIGroup"}, {"apiVersion", "v1"}};
  for (auto& kv : Group()) group.emplace(kv.key(), std::move(kv.value()));
  return group;
}

bj::value NavigatorApiResourceList() {
  bj::array resources;
  for (const api::ResourceInfo* info : api::kAllResources) {
    bj::array verbs, short_names;
    for (auto v : kResourceVerbs) verbs.push_back(bj::string(v));
    for (auto s : info->short_names) {
      if (!s.empty()) short_names.push_back(bj::string(s));
    }
    bj::object r{{"name", info->plural},
                 {"singularName", info->singular},
                 {"namespaced", info->namespaced},
                 {"kind", info->kind},
                 {"verbs", std::move(verbs)}};
    if (!short_names.empty()) r["shortNames"] = std::move(short_names);
    r["categories"] = bj::array{"navigator"};
    resources.push_back(std::move(r));

    bj::array status_verbs;
    for (auto v : kStatusVerbs) status_verbs.push_back(bj::string(v));
    resources.push_back(bj::object{{"name", fmt::format("{}/status", info->plural)},
                                   {"singularName", ""},
                                   {"namespaced", info->namespaced},
                                   {"kind", info->kind},
                                   {"verbs", std::move(status_verbs)}});
  }
  return bj::object{{"kind", "APIResourceList"},
                    {"apiVersion", "v1"},
                    {"groupVersion", fmt::format("{}/{}", api::kGroup, api::kStorageVersion)},
                    {"resources", std::move(resources)}};
}

}  // namespace navigator::apiserver
