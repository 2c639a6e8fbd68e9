#include "navigator/client/discovery.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace navigator::client {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxDiscoveryBytes = 32 * 1024 * 1024;

Result<json::object> ParseObject(std::string_view body, std::string_view what) {
  if (body.size() > kMaxDiscoveryBytes) {
    return BadRequest(fmt::format("{}: over {} MiB", what, kMaxDiscoveryBytes >> 20));
  }
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value parsed = json::parse(body, ec, {}, options);
  if (ec) return BadRequest(fmt::format("{}: not JSON: {}", what, ec.message()));
  if (!parsed.is_object()) return BadRequest(fmt::format("{}: not a JSON object", what));
  return std::move(parsed.as_object());
}

// Typed accessors: absent (or null) fields are empty; a field of another type
// is an error naming `where`.
Result<std::string> String(const json::object& object, std::string_view key,
                           std::string_view where) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::string();
  if (!value->is_string()) return BadRequest(fmt::format("{}.{}: expected a string", where, key));
  return std::string(value->as_string());
}

Result<const json::array*> Array(const json::object& object, std::string_view key,
                                 std::string_view where) {
  static const json::array kEmpty;
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return &kEmpty;
  if (!value->is_array()) return BadRequest(fmt::format("{}.{}: expected a list", where, key));
  return &value->as_array();
}

Result<const json::object*> Object(const json::object& object, std::string_view key,
                                   std::string_view where) {
  static const json::object kEmpty;
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return &kEmpty;
  if (!value->is_object()) return BadRequest(fmt::format("{}.{}: expected an object", where, key));
  return &value->as_object();
}

Result<const json::object*> Element(const json::array& array, std::size_t i,
                                    std::string_view where) {
  if (!array[i].is_object()) {
    return BadRequest(fmt::format("{}[{}]: expected an object", where, i));
  }
  return &array[i].as_object();
}

Result<std::vector<std::string>> Strings(const json::object& object, std::string_view key,
                                         std::string_view where) {
  NAVIGATOR_ASSIGN_OR_RETURN(const json::array* array, Array(object, key, where));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string()) {
      return BadRequest(fmt::format("{}.{}[{}]: expected a string", where, key, i));
    }
    out.emplace_back((*array)[i].as_string());
  }
  return out;
}

// A resource name fit for a path: what ResourceClient would accept.
bool UsableResourceName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  }
  return true;
}

Status ParseAggregatedResource(const json::object& resource, std::string_view where,
                               const std::string& group, const std::string& version,
                               DiscoveryIndex& index) {
  NAVIGATOR_ASSIGN_OR_RETURN(std::string name, String(resource, "resource", where));
  NAVIGATOR_ASSIGN_OR_RETURN(const json::object* response_kind,
                             Object(resource, "responseKind", where));
  NAVIGATOR_ASSIGN_OR_RETURN(std::string kind,
                             String(*response_kind, "kind", fmt::format("{}.responseKind", where)));
  NAVIGATOR_ASSIGN_OR_RETURN(std::string scope, String(resource, "scope", where));
  if (scope != "Namespaced" && scope != "Cluster") {
    return BadRequest(
        fmt::format("{}.scope: \"{}\" is neither Namespaced nor Cluster", where, scope));
  }
  ResourceInfo info{.gvr = {.group = group, .version = version, .resource = name},
                    .kind = kind,
                    .namespaced = scope == "Namespaced"};
  NAVIGATOR_ASSIGN_OR_RETURN(info.verbs, Strings(resource, "verbs", where));
  NAVIGATOR_ASSIGN_OR_RETURN(const json::array* subresources,
                             Array(resource, "subresources", where));
  for (std::size_t s = 0; s < subresources->size(); ++s) {
    const std::string swhere = fmt::format("{}.subresources", where);
    NAVIGATOR_ASSIGN_OR_RETURN(const json::object* sub, Element(*subresources, s, swhere));
    NAVIGATOR_ASSIGN_OR_RETURN(std::string sub_name,
                               String(*sub, "subresource", fmt::format("{}[{}]", swhere, s)));
    if (!sub_name.empty()) info.subresources.push_back(std::move(sub_name));
  }
  if (!UsableResourceName(name) || kind.empty()) return OkStatus();  // nothing to address
  index.Add(std::move(info));
  return OkStatus();
}

}  // namespace

void DiscoveryIndex::Add(ResourceInfo info) {
  auto key = std::make_pair(info.gvr.group, info.kind);
  by_kind_.try_emplace(std::move(key), std::move(info));
}

Result<ResourceInfo> DiscoveryIndex::ResourceFor(std::string_view group,
                                                 std::string_view kind) const {
  const auto it = by_kind_.find(std::make_pair(std::string(group), std::string(kind)));
  if (it == by_kind_.end()) {
    return NotFound(fmt::format("the server serves no resource of kind \"{}\" in API group \"{}\"",
                                kind, group));
  }
  return it->second;
}

std::string DiscoveryKind(std::string_view body) {
  auto object = ParseObject(body, "discovery");
  if (!object.ok()) return {};
  auto kind = String(*object, "kind", "");
  return kind.ok() ? *kind : std::string();
}

Status ParseAggregatedDiscovery(std::string_view body, DiscoveryIndex& index) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object root, ParseObject(body, "APIGroupDiscoveryList"));
  NAVIGATOR_ASSIGN_OR_RETURN(std::string kind, String(root, "kind", "APIGroupDiscoveryList"));
  if (kind != "APIGroupDiscoveryList") {
    return BadRequest(fmt::format("expected an APIGroupDiscoveryList, got kind \"{}\"", kind));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(const json::array* items,
                             Array(root, "items", "APIGroupDiscoveryList"));
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string where = fmt::format("items[{}]", i);
    NAVIGATOR_ASSIGN_OR_RETURN(const json::object* item, Element(*items, i, "items"));
    NAVIGATOR_ASSIGN_OR_RETURN(const json::object* metadata, Object(*item, "metadata", where));
    NAVIGATOR_ASSIGN_OR_RETURN(std::string group,
                               String(*metadata, "name", fmt::format("{}.metadata", where)));
    NAVIGATOR_ASSIGN_OR_RETURN(const json::array* versions, Array(*item, "versions", where));
    // Versions come in order of preference: the first one to serve a kind wins.
    for (std::size_t v = 0; v < versions->size(); ++v) {
      const std::string vwhere = fmt::format("{}.versions[{}]", where, v);
      NAVIGATOR_ASSIGN_OR_RETURN(const json::object* entry,
                                 Element(*versions, v, fmt::format("{}.versions", where)));
      NAVIGATOR_ASSIGN_OR_RETURN(std::string version, String(*entry, "version", vwhere));
      if (version.empty()) return BadRequest(fmt::format("{}.version: empty", vwhere));
      NAVIGATOR_ASSIGN_OR_RETURN(const json::array* resources, Array(*entry, "resources", vwhere));
      for (std::size_t r = 0; r < resources->size(); ++r) {
        const std::string rwhere = fmt::format("{}.resources[{}]", vwhere, r);
        NAVIGATOR_ASSIGN_OR_RETURN(const json::object* resource,
                                   Element(*resources, r, fmt::format("{}.resources", vwhere)));
        NAVIGATOR_RETURN_IF_ERROR(
            ParseAggregatedResource(*resource, rwhere, group, version, index));
      }
    }
  }
  return OkStatus();
}

Status ParseApiResourceList(std::string_view body, DiscoveryIndex& index) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object root, ParseObject(body, "APIResourceList"));
  NAVIGATOR_ASSIGN_OR_RETURN(std::string kind, String(root, "kind", "APIResourceList"));
  if (kind != "APIResourceList") {
    return BadRequest(fmt::format("expected an APIResourceList, got kind \"{}\"", kind));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(std::string group_version,
                             String(root, "groupVersion", "APIResourceList"));
  if (group_version.empty()) return BadRequest("APIResourceList.groupVersion: empty");
  std::string group;
  std::string version = group_version;
  if (const std::size_t slash = group_version.find('/'); slash != std::string::npos) {
    group = group_version.substr(0, slash);
    version = group_version.substr(slash + 1);
  }
  if (version.empty() || version.find('/') != std::string::npos) {
    return BadRequest(
        fmt::format("APIResourceList.groupVersion: \"{}\" is no group/version", group_version));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(const json::array* resources,
                             Array(root, "resources", "APIResourceList"));
  std::vector<ResourceInfo> found;
  for (std::size_t r = 0; r < resources->size(); ++r) {
    const std::string where = fmt::format("resources[{}]", r);
    NAVIGATOR_ASSIGN_OR_RETURN(const json::object* resource, Element(*resources, r, "resources"));
    NAVIGATOR_ASSIGN_OR_RETURN(std::string name, String(*resource, "name", where));
    NAVIGATOR_ASSIGN_OR_RETURN(std::string resource_kind, String(*resource, "kind", where));
    const json::value* namespaced = resource->if_contains("namespaced");
    if (namespaced != nullptr && !namespaced->is_bool() && !namespaced->is_null()) {
      return BadRequest(fmt::format("{}.namespaced: expected true or false", where));
    }
    NAVIGATOR_ASSIGN_OR_RETURN(std::vector<std::string> verbs, Strings(*resource, "verbs", where));
    if (const std::size_t slash = name.find('/'); slash != std::string::npos) {
      // "pods/status": a subresource of the resource listed before it.
      for (ResourceInfo& info : found) {
        if (info.gvr.resource == name.substr(0, slash)) {
          info.subresources.push_back(name.substr(slash + 1));
        }
      }
      continue;
    }
    if (!UsableResourceName(name) || resource_kind.empty()) continue;
    found.push_back(ResourceInfo{
        .gvr = {.group = group, .version = version, .resource = name},
        .kind = resource_kind,
        .namespaced = namespaced != nullptr && namespaced->is_bool() && namespaced->as_bool(),
        .verbs = std::move(verbs)});
  }
  for (ResourceInfo& info : found) index.Add(std::move(info));
  return OkStatus();
}

Result<std::vector<std::string>> ParseLegacyGroupVersions(std::string_view body) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object root, ParseObject(body, "discovery"));
  NAVIGATOR_ASSIGN_OR_RETURN(std::string kind, String(root, "kind", "discovery"));
  std::vector<std::string> out;
  if (kind == "APIVersions") {
    NAVIGATOR_ASSIGN_OR_RETURN(std::vector<std::string> versions,
                               Strings(root, "versions", "APIVersions"));
    // The core group at its preferred (first) version.
    if (!versions.empty() && !versions.front().empty() &&
        versions.front().find('/') == std::string::npos) {
      out.push_back(versions.front());
    }
    return out;
  }
  if (kind != "APIGroupList") {
    return BadRequest(fmt::format("expected APIVersions or APIGroupList, got kind \"{}\"", kind));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(const json::array* groups, Array(root, "groups", "APIGroupList"));
  for (std::size_t g = 0; g < groups->size(); ++g) {
    const std::string where = fmt::format("groups[{}]", g);
    NAVIGATOR_ASSIGN_OR_RETURN(const json::object* group, Element(*groups, g, "groups"));
    NAVIGATOR_ASSIGN_OR_RETURN(const json::object* preferred,
                               Object(*group, "preferredVersion", where));
    NAVIGATOR_ASSIGN_OR_RETURN(
        std::string group_version,
        String(*preferred, "groupVersion", fmt::format("{}.preferredVersion", where)));
    if (group_version.empty()) {
      // No preference stated: the first version listed.
      NAVIGATOR_ASSIGN_OR_RETURN(const json::array* versions, Array(*group, "versions", where));
      if (versions->empty()) continue;
      NAVIGATOR_ASSIGN_OR_RETURN(const json::object* first,
                                 Element(*versions, 0, fmt::format("{}.versions", where)));
      NAVIGATOR_ASSIGN_OR_RETURN(
          group_version, String(*first, "groupVersion", fmt::format("{}.versions[0]", where)));
    }
    const std::size_t slash = group_version.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == group_version.size() ||
        group_version.find('/', slash + 1) != std::string::npos) {
      return BadRequest(
          fmt::format("{}: \"{}\" is not of the form group/version", where, group_version));
    }
    out.push_back(std::move(group_version));
  }
  return out;
}

Result<DiscoveryIndex> Discover(RestClient& client) {
  DiscoveryIndex index;
  for (const std::string_view root : {"/api", "/apis"}) {
    NAVIGATOR_ASSIGN_OR_RETURN(
        std::string body,
        client.Do(RestRequest{.method = "GET",
                              .path = std::string(root),
                              .accept = std::string(kAggregatedDiscoveryAccept)}));
    if (DiscoveryKind(body) == "APIGroupDiscoveryList") {
      if (Status parsed = ParseAggregatedDiscovery(body, index); !parsed.ok()) {
        return BadRequest(fmt::format("discovery {}: {}", root, parsed.message()));
      }
      continue;
    }
    auto group_versions = ParseLegacyGroupVersions(body);
    if (!group_versions.ok()) {
      return BadRequest(fmt::format("discovery {}: {}", root, group_versions.status().message()));
    }
    for (const std::string& group_version : *group_versions) {
      // Only [a-z0-9.-/] reaches a path (a hostile document could say more).
      if (!UsableResourceName(std::string_view(group_version).substr(0, group_version.find('/'))) ||
          (group_version.find('/') != std::string::npos &&
           !UsableResourceName(group_version.substr(group_version.find('/') + 1)))) {
        index.AddFailedGroup(group_version, BadRequest("not a usable group/version"));
        continue;
      }
      Result<std::string> list = client.Do(
          RestRequest{.method = "GET", .path = fmt::format("{}/{}", root, group_version)});
      Status parsed = list.ok() ? ParseApiResourceList(*list, index) : list.status();
      if (!parsed.ok()) index.AddFailedGroup(group_version, std::move(parsed));
    }
  }
  return index;
}

}  // namespace navigator::client
