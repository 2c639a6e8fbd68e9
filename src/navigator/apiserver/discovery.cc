#include "navigator/apiserver/discovery.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <boost/json.hpp>
#include <span>

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
constexpr std::string_view kResourceVerbs[] = {"create", "delete", "deletecollection", "get",
                                               "list",   "patch",  "update",           "watch"};
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

namespace {

bj::array Strings(std::span<const std::string_view> values) {
  bj::array out;
  for (auto v : values) {
    if (!v.empty()) out.push_back(bj::string(v));
  }
  return out;
}

bj::object Gvk(std::string_view version, std::string_view kind) {
  return bj::object{{"group", api::kGroup}, {"version", version}, {"kind", kind}};
}

bj::object ResourceDiscovery(const api::ResourceInfo& info, std::string_view version) {
  bj::object r{{"resource", info.plural},
               {"responseKind", Gvk(version, info.kind)},
               {"scope", info.namespaced ? "Namespaced" : "Cluster"},
               {"singularResource", info.singular},
               {"verbs", Strings(kResourceVerbs)}};
  bj::array short_names = Strings(info.short_names);
  if (!short_names.empty()) r["shortNames"] = std::move(short_names);
  r["categories"] = bj::array{"navigator"};
  r["subresources"] = bj::array{bj::object{{"subresource", "status"},
                                           {"responseKind", Gvk(version, info.kind)},
                                           {"verbs", Strings(kStatusVerbs)}}};
  return r;
}

}  // namespace

bj::object AggregatedDiscovery(bool legacy_api) {
  bj::array items;
  if (!legacy_api) {
    bj::array versions;
    for (auto version : api::kServedVersions) {
      bj::array resources;
      for (const api::ResourceInfo* info : api::kAllResources) {
        resources.push_back(ResourceDiscovery(*info, version));
      }
      versions.push_back(bj::object{
          {"version", version}, {"resources", std::move(resources)}, {"freshness", "Current"}});
    }
    items.push_back(
        bj::object{{"metadata", bj::object{{"name", api::kGroup}, {"creationTimestamp", nullptr}}},
                   {"versions", std::move(versions)}});
  }
  return bj::object{{"kind", "APIGroupDiscoveryList"},
                    {"apiVersion", "apidiscovery.k8s.io/v2"},
                    {"metadata", bj::object()},
                    {"items", std::move(items)}};
}

std::string DiscoveryETag(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(body.data(), body.size(), digest, &size, EVP_sha512(), nullptr) != 1) {
    size = 0;  // cannot happen with a built-in digest; an empty ETag still validates
  }
  std::string out = "\"";
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02X}", digest[i]);
  out += '"';
  return out;
}

}  // namespace navigator::apiserver
