#include "navigator/apiserver/api_handler.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "navigator/api/navigator/codec.h"
#include "navigator/api/navigator/kinds.h"
#include "navigator/apiserver/discovery.h"
#include "navigator/apiserver/media_type.h"
#include "navigator/apiserver/openapi_handler.h"
#include "navigator/apiserver/request_info.h"
#include "navigator/apiserver/responses.h"
#include "navigator/apiserver/version_info.h"

namespace navigator::apiserver {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view MediaType(std::string_view content_type) {
  auto semi = content_type.find(';');
  std::string_view type = content_type.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type;
}

// /api or /apis as an apidiscovery.k8s.io/v2 APIGroupDiscoveryList, with
// kube's caching headers (ETag, Vary: Accept, Cache-Control: public); an
// If-None-Match naming the current ETag is answered 304 without a body.
http::Response AggregatedDiscoveryResponse(const http::Request& request, bool legacy_api) {
  struct Document {
    std::string body;
    std::string etag;
  };
  auto make = [](bool legacy) {
    Document d{boost::json::serialize(AggregatedDiscovery(legacy)), ""};
    d.etag = DiscoveryETag(d.body);
    d.body += '\n';
    return d;
  };
  static const Document kApi = make(true);
  static const Document kApis = make(false);
  const Document& doc = legacy_api ? kApi : kApis;
  http::Response r;
  r.content_type = std::string(kAggregatedDiscoveryContentType);
  r.headers.emplace_back("ETag", doc.etag);
  r.headers.emplace_back("Vary", "Accept");
  r.headers.emplace_back("Cache-Control", "public");
  if (request.Header("If-None-Match") == doc.etag) {
    r.status = 304;
    return r;
  }
  r.body = doc.body;
  return r;
}

Status NotFoundPath() {
  return Status(StatusCode::kNotFound, "the server could not find the requested resource");
}

Status MethodNotAllowed(std::string_view method, std::string_view what) {
  return Status(StatusCode::kMethodNotAllowed,
                fmt::format("the server does not allow this method on the requested resource: "
                            "{} is not supported on {}",
                            method, what));
}

Result<registry::PatchType> PatchTypeOf(std::string_view content_type) {
  if (content_type == "application/json-patch+json") return registry::PatchType::kJson;
  if (content_type == "application/merge-patch+json") return registry::PatchType::kMerge;
  if (content_type == "application/strategic-merge-patch+json") {
    return registry::PatchType::kStrategic;
  }
  return Status(StatusCode::kUnsupportedMediaType,
                fmt::format("the body of the request was in an unknown format \"{}\": accepted "
                            "media types include: application/json-patch+json, "
                            "application/merge-patch+json, "
                            "application/strategic-merge-patch+json",
                            content_type.substr(0, 128)));
}

bool IsValidSegment(std::string_view s) {
  return !s.empty() && s != "." && s != ".." && s.find_first_of("/%") == std::string_view::npos;
}

}  // namespace

ApiHandler::ApiHandler(registry::StoreContext context, EndpointOptions options,
                       const admission::Plugin* admission)
    : context_(context), admission_(admission) {
  endpoints_.emplace(api::KindTraits<api::ElasticsearchCluster>::kInfo.plural,
                     MakeResourceEndpoint<api::ElasticsearchCluster>(context, options));
  endpoints_.emplace(api::KindTraits<api::CassandraCluster>::kInfo.plural,
                     MakeResourceEndpoint<api::CassandraCluster>(context, options));
  endpoints_.emplace(api::KindTraits<api::Pilot>::kInfo.plural,
                     MakeResourceEndpoint<api::Pilot>(context, options));
}

http::Response ApiHandler::Handle(const http::Request& request) const {
  const std::string& path = request.path;
  if (request.method != "GET" && request.method != "HEAD" && !StartsWith(path, "/apis/")) {
    return StatusResponse(MethodNotAllowed(request.method, path));
  }
  if (path == "/healthz" || path == "/livez") return HandleHealth(request, false);
  if (path == "/readyz") return HandleHealth(request, true);
  // The OpenAPI documents negotiate Accept and caching themselves, as kube's do.
  if (IsOpenApiPath(path)) return ServeOpenApi(request, context_.clock->Now());
  const std::string_view accept = request.Header("Accept");
  const bool legacy_root = path == "/api" || path == "/api/";
  if (legacy_root || path == "/apis" || path == "/apis/") {
    auto negotiated = NegotiateDiscoveryOutput(accept);
    if (!negotiated.ok()) return StatusResponse(negotiated.status());
    if (negotiated->form == OutputForm::kApiGroupDiscoveryList) {
      return AggregatedDiscoveryResponse(request, legacy_root);
    }
    http::Response r = JsonResponse(200, legacy_root ? LegacyApiVersions() : ApiGroupList());
    r.headers.emplace_back("Vary", "Accept");
    return r;
  }
  const std::string group_path = fmt::format("/apis/{}", api::kGroup);
  const std::string version_path = fmt::format("{}/{}", group_path, api::kStorageVersion);
  const bool group_document = path == group_path || path == group_path + "/";
  const bool version_document = path == version_path || path == version_path + "/";
  if (group_document || version_document || !StartsWith(path, "/apis/")) {
    if (auto negotiated = NegotiatePlainOutput(accept); !negotiated.ok()) {
      return StatusResponse(negotiated.status());
    }
  } else if (auto negotiated = NegotiateResourceOutput(accept); !negotiated.ok()) {
    // HandleResource picks the form; this refuses what no form can serve.
    return StatusResponse(negotiated.status());
  }
  if (path == "/version") return JsonResponse(200, VersionInfo());
  if (group_document) return JsonResponse(200, NavigatorApiGroup());
  if (version_document) return JsonResponse(200, NavigatorApiResourceList());
  return HandleResource(request);
}

http::Response ApiHandler::HandleResource(const http::Request& request) const {
  RequestInfo info = ParseRequestInfo(request.method, request.path);
  if (!info.is_resource_request || info.malformed || info.api_group != api::kGroup ||
      api::ServedVersionOf(fmt::format("{}/{}", info.api_group, info.api_version)).empty()) {
    return StatusResponse(NotFoundPath());
  }
  auto it = endpoints_.find(info.resource);
  if (it == endpoints_.end()) {
    return StatusResponse(
        Status(StatusCode::kNotFound,
               fmt::format("the server could not find the requested resource: {} is not a resource "
                           "of {}/{}",
                           info.resource, info.api_group, info.api_version)));
  }
  if (!info.subresource.empty() && info.subresource != "status") {
    return StatusResponse(NotFoundPath());
  }
  if ((!info.namespace_.empty() && !IsValidSegment(info.namespace_)) ||
      (!info.name.empty() && !IsValidSegment(info.name))) {
    return StatusResponse(BadRequest("namespace and name must be valid path segments"));
  }
  ResourceEndpoint& endpoint = *it->second;
  const std::string& ns = info.namespace_;

  if (request.method == "POST" || request.method == "PUT") {
    std::string_view type = MediaType(request.Header("Content-Type"));
    if (type != "application/json") {
      return StatusResponse(Status(
          StatusCode::kUnsupportedMediaType,
          fmt::format("the body of the request was in an unknown format \"{}\": accepted media "
                      "types include: application/json",
                      type)));
    }
  }

  const bool has_name = !info.name.empty();
  const bool status = info.subresource == "status";
  const bool collection_delete = request.method == "DELETE" && !has_name;
  // Cluster-wide paths serve only list and watch; everything else needs a namespace.
  if (ns.empty() && !(request.method == "GET" && !has_name)) {
    return StatusResponse(MethodNotAllowed(request.method,
                                           "a cluster-wide path; use "
                                           "/namespaces/<namespace>/..."));
  }
  registry::WriteOptions write_options;
  if (const std::string* fv = request.Query("fieldValidation")) {
    auto parsed = registry::ParseFieldValidation(*fv);
    if (!parsed.ok()) return StatusResponse(parsed.status());
    write_options.field_validation = *parsed;
  }
  std::vector<std::string> dry_run_values;
  for (const auto& [key, value] : request.query) {
    if (key == "dryRun") dry_run_values.push_back(value);
  }
  auto dry_run = registry::ParseDryRun(dry_run_values);
  if (!dry_run.ok()) return StatusResponse(dry_run.status());
  write_options.dry_run = *dry_run;

  if (admission_ != nullptr && request.method != "GET" && request.method != "HEAD") {
    admission::Attributes attributes{
        .operation = request.method == "POST"     ? admission::Operation::kCreate
                     : request.method == "DELETE" ? admission::Operation::kDelete
                                                  : admission::Operation::kUpdate,
        .namespace_ = ns,
        .group = info.api_group,
        .resource = info.resource,
        .subresource = info.subresource,
        .name = info.name,
        .body = request.body,
    };
    if (Status s = admission_->Admit(attributes); !s.ok()) return StatusResponse(s);
  }

  if (request.method == "PATCH" && has_name) {
    auto type = PatchTypeOf(MediaType(request.Header("Content-Type")));
    if (!type.ok()) return StatusResponse(type.status());
    return endpoint.Patch(ns, info.name, request.body, *type, status, write_options);
  }
  if (status) {
    if (request.method == "GET") return endpoint.Get(ns, info.name);
    if (request.method == "PUT") {
      return endpoint.UpdateStatus(ns, info.name, request.body, write_options);
    }
    return StatusResponse(MethodNotAllowed(request.method, "the status subresource"));
  }
  const bool read = request.method == "GET" || request.method == "HEAD";
  OutputRequest output;
  if (read) {
    auto negotiated = NegotiateResourceOutput(request.Header("Accept"));
    if (!negotiated.ok()) return StatusResponse(negotiated.status());
    output.negotiated = std::move(*negotiated);
    const std::string* include = request.Query("includeObject");
    auto table = ParseTableOptions(include ? *include : "");
    if (!table.ok()) return StatusResponse(table.status());
    output.table = std::move(*table);
  }
  if (read && has_name) return endpoint.Get(ns, info.name, output);
  if (read || collection_delete) {
    auto list_options = registry::ParseListOptions(
        [&request](std::string_view name) { return request.Query(name); });
    if (!list_options.ok()) return StatusResponse(list_options.status());
    if (collection_delete) {
      return endpoint.DeleteCollection(ns, *list_options, request.body, write_options.dry_run);
    }
    if (list_options->watch) return endpoint.Watch(ns, *list_options, output);
    return endpoint.List(ns, *list_options, output);
  }
  if (request.method == "POST" && !has_name) {
    return endpoint.Create(ns, request.body, write_options);
  }
  if (request.method == "PUT" && has_name) {
    return endpoint.Update(ns, info.name, request.body, write_options);
  }
  if (request.method == "DELETE" && has_name) {
    return endpoint.Delete(ns, info.name, request.body, write_options.dry_run);
  }
  return StatusResponse(MethodNotAllowed(request.method, info.resource));
}

http::Response ApiHandler::HandleHealth(const http::Request& request, bool check_storage) const {
  Status storage_status = check_storage ? context_.storage->Check() : OkStatus();
  const bool verbose = request.Query("verbose") != nullptr;
  std::string body;
  if (verbose) {
    body += "[+]ping ok\n";
    if (check_storage) {
      body += storage_status.ok() ? "[+]etcd ok\n"
                                  : fmt::format("[-]etcd failed: {}\n", storage_status.message());
    }
  }
  const std::string_view name = std::string_view(request.path).substr(1);
  body += storage_status.ok() ? fmt::format("{} check passed\n", name)
                              : fmt::format("{} check failed\n", name);
  if (!verbose) body = storage_status.ok() ? "ok" : body;
  http::Response r;
  r.status = storage_status.ok() ? 200 : 500;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace navigator::apiserver
