#include "navigator/client/resource_client.h"

#include <fmt/format.h>

#include <vector>

#include "navigator/client/reflector.h"  // QueryEscape

namespace navigator::client {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxSegmentBytes = 253;

bool Unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string PercentEncode(std::string_view value, std::string_view also_allowed) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (Unreserved(c) || also_allowed.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

// A path segment: pchar allows ":" and "@" (and sub-delims, encoded anyway).
std::string PathEscape(std::string_view segment) {
  return PercentEncode(segment, ":@");
}

// API group, version and resource: lower-case letters, digits, '-' and '.'
// (a DNS subdomain for the group).
Status ValidateGvrPart(std::string_view value, std::string_view what, bool may_be_empty) {
  if (value.empty()) {
    return may_be_empty ? OkStatus() : BadRequest(fmt::format("the {} is empty", what));
  }
  if (value.size() > kMaxSegmentBytes) return BadRequest(fmt::format("the {} is too long", what));
  for (const char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) {
      return BadRequest(
          fmt::format("the {} \"{}\" may hold only lower-case letters, digits, "
                      "'-' and '.'",
                      what, value));
    }
  }
  if (value == "." || value == "..")
    return BadRequest(fmt::format("the {} is \"{}\"", what, value));
  return OkStatus();
}

std::string StringAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

const json::object* MetadataOf(const json::object& object) {
  const json::value* metadata = object.if_contains("metadata");
  return metadata != nullptr && metadata->is_object() ? &metadata->as_object() : nullptr;
}

// "?a=b&c=d" from the non-empty pairs, or "".
std::string Query(const std::vector<std::pair<std::string_view, std::string>>& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    out += out.empty() ? '?' : '&';
    out += key;
    out += '=';
    out += QueryEscape(value);
  }
  return out;
}

std::string WriteQuery(std::string_view field_manager, bool dry_run, bool force = false) {
  return Query({{"dryRun", dry_run ? "All" : ""},
                {"fieldManager", std::string(field_manager)},
                {"force", force ? "true" : ""}});
}

}  // namespace

std::string GroupVersionResource::ApiPath() const {
  if (group.empty()) return fmt::format("/api/{}", version);
  return fmt::format("/apis/{}/{}", group, version);
}

std::string GroupVersionResource::ToString() const {
  if (group.empty()) return resource;
  return fmt::format("{}.{}.{}", resource, version, group);
}

std::string_view PatchContentType(PatchType type) {
  switch (type) {
    case PatchType::kJson:
      return "application/json-patch+json";
    case PatchType::kMerge:
      return "application/merge-patch+json";
    case PatchType::kStrategicMerge:
      return "application/strategic-merge-patch+json";
    case PatchType::kApply:
      return "application/apply-patch+yaml";
  }
  return "application/merge-patch+json";
}

Status ValidatePathSegment(std::string_view segment, std::string_view what) {
  if (segment.empty()) return BadRequest(fmt::format("the {} is empty", what));
  if (segment == "." || segment == "..") {
    return BadRequest(fmt::format("the {} may not be \"{}\"", what, segment));
  }
  if (segment.size() > kMaxSegmentBytes) {
    return BadRequest(fmt::format("the {} is {} bytes long; at most {} are allowed", what,
                                  segment.size(), kMaxSegmentBytes));
  }
  for (const char c : segment) {
    if (c == '/' || c == '%') {
      return BadRequest(fmt::format("the {} \"{}\" may not contain '{}'", what, segment, c));
    }
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return BadRequest(fmt::format("the {} may not contain control characters", what));
    }
  }
  return OkStatus();
}

ResourceClient::ResourceClient(RestClient& client, GroupVersionResource gvr, bool namespaced)
    : client_(client), gvr_(std::move(gvr)), namespaced_(namespaced) {}

Result<std::string> ResourceClient::CollectionPath(std::string_view ns) const {
  NAVIGATOR_RETURN_IF_ERROR(ValidateGvrPart(gvr_.group, "API group", /*may_be_empty=*/true));
  NAVIGATOR_RETURN_IF_ERROR(ValidateGvrPart(gvr_.version, "API version", false));
  NAVIGATOR_RETURN_IF_ERROR(ValidateGvrPart(gvr_.resource, "resource", false));
  std::string path = gvr_.ApiPath();
  if (!ns.empty()) {
    if (!namespaced_) {
      return BadRequest(fmt::format("{} are cluster-scoped: no namespace may be given (got \"{}\")",
                                    gvr_.ToString(), ns));
    }
    NAVIGATOR_RETURN_IF_ERROR(ValidatePathSegment(ns, "namespace"));
    path += "/namespaces/" + PathEscape(ns);
  }
  return path + "/" + gvr_.resource;
}

Result<std::string> ResourceClient::ObjectPath(std::string_view ns, std::string_view name,
                                               std::string_view subresource) const {
  if (namespaced_ && ns.empty()) {
    return BadRequest(fmt::format("{} are namespaced: a namespace is required", gvr_.ToString()));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(std::string path, CollectionPath(ns));
  NAVIGATOR_RETURN_IF_ERROR(ValidatePathSegment(name, "name"));
  path += "/" + PathEscape(name);
  if (!subresource.empty()) {
    NAVIGATOR_RETURN_IF_ERROR(ValidateGvrPart(subresource, "subresource", false));
    path += "/" + std::string(subresource);
  }
  return path;
}

Result<json::object> ResourceClient::Send(RestRequest request) const {
  NAVIGATOR_ASSIGN_OR_RETURN(std::string body, client_.Do(request));
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 256;
  json::value parsed = json::parse(body, ec, {}, options);
  if (ec || !parsed.is_object()) {
    return Internal(fmt::format("the answer to {} {} is not a JSON object{}{}", request.method,
                                request.path, ec ? ": " : "", ec ? ec.message() : ""));
  }
  return std::move(parsed.as_object());
}

Result<json::object> ResourceClient::Get(std::string_view ns, std::string_view name) const {
  NAVIGATOR_ASSIGN_OR_RETURN(std::string path, ObjectPath(ns, name));
  return Send(RestRequest{.method = "GET", .path = std::move(path)});
}

Result<json::object> ResourceClient::List(std::string_view ns, const ListOptions& options) const {
  if (options.limit < 0) return BadRequest("the list limit may not be negative");
  NAVIGATOR_ASSIGN_OR_RETURN(std::string path, CollectionPath(ns));
  path += Query({{"labelSelector", options.label_selector},
                 {"fieldSelector", options.field_selector},
                 {"limit", options.limit > 0 ? std::to_string(options.limit) : ""},
                 {"continue", options.continue_token},
                 {"resourceVersion", options.resource_version}});
  return Send(RestRequest{.method = "GET", .path = std::move(path)});
}

Result<json::object> ResourceClient::Create(std::string_view ns, const json::object& object,
                                            const WriteOptions& options) const {
  if (namespaced_ && ns.empty()) {
    return BadRequest(fmt::format("{} are namespaced: a namespace is required", gvr_.ToString()));
  }
  if (const json::object* metadata = MetadataOf(object); metadata != nullptr) {
    const std::string object_ns = StringAt(*metadata, "namespace");
    if (!object_ns.empty() && object_ns != ns) {
      return BadRequest(
          fmt::format("the object's metadata.namespace \"{}\" is not \"{}\"", object_ns, ns));
    }
  }
  NAVIGATOR_ASSIGN_OR_RETURN(std::string path, CollectionPath(ns));
  path += WriteQuery(options.field_manager, options.dry_run);
  return Send(
      RestRequest{.method = "POST", .path = std::move(path), .body = json::serialize(object)});
}

Result<json::object> ResourceClient::Put(std::string_view ns, const json::object& object,
                                         const WriteOptions& options,
                                         std::string_view subresource) const {
  const json::object* metadata = MetadataOf(object);
  const std::string name = metadata != nullptr ? StringAt(*metadata, "name") : std::string();
  if (name.empty()) return BadRequest("the object has no metadata.name to update");
  const std::string object_ns = metadata != nullptr ? StringAt(*metadata, "namespace") : "";
  if (!object_ns.empty() && object_ns != ns) {
    return BadRequest(
        fmt::format("the object's metadata.namespace \"{}\" is not \"{}\"", object_ns, ns));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(std::string path, ObjectPath(ns, name, subresource));
  path += WriteQuery(options.field_manager, options.dry_run);
  return Send(
      RestRequest{.method = "PUT", .path = std::move(path), .body = json::serialize(object)});
}

Result<json::object> ResourceClient::Update(std::string_view ns, const json::object& object,
                                            const WriteOptions& options) const {
  return Put(ns, object, options, {});
}

Result<json::object> ResourceClient::UpdateStatus(std::string_view ns, const json::object& object,
                                                  const WriteOptions& options) const {
  return Put(ns, object, options, "status");
}

Result<json::object> ResourceClient::Patch(std::string_view ns, std::string_view name,
                                           PatchType type, std::string_view patch,
                                           const PatchOptions& options) const {
  if (type == PatchType::kApply && options.field_manager.empty()) {
    return BadRequest("an apply patch needs a field manager (PatchOptions::field_manager)");
  }
  if (type != PatchType::kApply && options.force) {
    return BadRequest("force is only allowed for apply patches");
  }
  if (patch.empty()) return BadRequest("the patch is empty");
  NAVIGATOR_ASSIGN_OR_RETURN(std::string path, ObjectPath(ns, name, options.subresource));
  path += WriteQuery(options.field_manager, options.dry_run, options.force);
  return Send(RestRequest{.method = "PATCH",
                          .path = std::move(path),
                          .body = std::string(patch),
                          .content_type = std::string(PatchContentType(type))});
}

Result<json::object> ResourceClient::Delete(std::string_view ns, std::string_view name,
                                            const DeleteOptions& options) const {
  const std::string& policy = options.propagation_policy;
  if (!policy.empty() && policy != "Orphan" && policy != "Background" && policy != "Foreground") {
    return BadRequest(fmt::format(
        "propagationPolicy \"{}\" is not one of Orphan, Background, Foreground", policy));
  }
  if (options.grace_period_seconds && *options.grace_period_seconds < 0) {
    return BadRequest("gracePeriodSeconds may not be negative");
  }
  NAVIGATOR_ASSIGN_OR_RETURN(std::string path, ObjectPath(ns, name));
  json::object body{{"kind", "DeleteOptions"}, {"apiVersion", "v1"}};
  if (!policy.empty()) body["propagationPolicy"] = policy;
  if (options.grace_period_seconds) body["gracePeriodSeconds"] = *options.grace_period_seconds;
  if (!options.precondition_uid.empty() || !options.precondition_resource_version.empty()) {
    json::object preconditions;
    if (!options.precondition_uid.empty()) preconditions["uid"] = options.precondition_uid;
    if (!options.precondition_resource_version.empty()) {
      preconditions["resourceVersion"] = options.precondition_resource_version;
    }
    body["preconditions"] = std::move(preconditions);
  }
  if (options.dry_run) body["dryRun"] = json::array{"All"};
  return Send(
      RestRequest{.method = "DELETE", .path = std::move(path), .body = json::serialize(body)});
}

}  // namespace navigator::client
