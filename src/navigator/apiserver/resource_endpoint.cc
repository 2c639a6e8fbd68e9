#include "navigator/apiserver/resource_endpoint.h"

#include <boost/json.hpp>

#include "navigator/api/navigator/codec.h"
#include "navigator/apiserver/responses.h"

namespace navigator::apiserver {
namespace {

template <typename T>
class ResourceEndpointFor final : public ResourceEndpoint {
 public:
  explicit ResourceEndpointFor(registry::StoreContext context) : store_(std::move(context)) {}

  http::Response Get(std::string_view ns, std::string_view name) override {
    return Object(200, store_.Get(ns, name));
  }

  http::Response List(std::string_view ns) override {
    auto list = store_.List(ns);
    if (!list.ok()) return StatusResponse(list.status());
    boost::json::array items;
    items.reserve(list->items.size());
    for (const auto& item : list->items) items.push_back(api::EncodeObject(item));
    boost::json::object out;
    out["apiVersion"] = fmt::format("{}/{}", api::kGroup, api::kStorageVersion);
    out["kind"] = api::KindTraits<T>::kInfo.list_kind;
    out["metadata"] = api::EncodeJson(list->metadata);
    out["items"] = std::move(items);
    return JsonResponse(200, out);
  }

  http::Response Create(std::string_view ns, std::string_view body,
                        const registry::WriteOptions& options) override {
    std::vector<std::string> warnings;
    return Object(201, store_.Create(ns, body, options, &warnings), warnings);
  }

  http::Response Update(std::string_view ns, std::string_view name, std::string_view body,
                        const registry::WriteOptions& options) override {
    std::vector<std::string> warnings;
    return Object(200, store_.Update(ns, name, body, options, &warnings), warnings);
  }

  http::Response UpdateStatus(std::string_view ns, std::string_view name, std::string_view body,
                              const registry::WriteOptions& options) override {
    std::vector<std::string> warnings;
    return Object(200, store_.UpdateStatus(ns, name, body, options, &warnings), warnings);
  }

  http::Response Patch(std::string_view ns, std::string_view name, std::string_view body,
                       bool strategic, bool status_only,
                       const registry::WriteOptions& options) override {
    std::vector<std::string> warnings;
    return Object(200, store_.Patch(ns, name, body, strategic, status_only, options, &warnings),
                  warnings);
  }

  http::Response Delete(std::string_view ns, std::string_view name,
                        std::string_view body) override {
    auto options = registry::ParseDeleteOptions(body);
    if (!options.ok()) return StatusResponse(options.status());
    return Object(200, store_.Delete(ns, name, *options));
  }

 private:
  // Warnings become `Warning: 299 - "<text>"` headers, as kube-apiserver sends.
  static http::Response Object(int code, const Result<T>& object,
                               const std::vector<std::string>& warnings = {}) {
    if (!object.ok()) return StatusResponse(object.status());
    http::Response r = JsonResponse(code, api::EncodeObject(*object));
    for (const auto& w : warnings) {
      r.headers.emplace_back(
          "Warning", fmt::format("299 - {}", boost::json::serialize(boost::json::string(w))));
    }
    return r;
  }

  registry::Store<T> store_;
};

}  // namespace

template <typename T>
std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint(registry::StoreContext context) {
  return std::make_unique<ResourceEndpointFor<T>>(std::move(context));
}

template std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint<api::ElasticsearchCluster>(
    registry::StoreContext);
template std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint<api::CassandraCluster>(
    registry::StoreContext);
template std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint<api::Pilot>(registry::StoreContext);

}  // namespace navigator::apiserver
