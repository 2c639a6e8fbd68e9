#include "navigator/apiserver/resource_endpoint.h"

#include <boost/json.hpp>

#include "navigator/api/navigator/codec.h"
#include "navigator/apiserver/output_conversion.h"
#include "navigator/apiserver/responses.h"
#include "navigator/apiserver/watch_stream.h"

namespace navigator::apiserver {
namespace {

template <typename T>
class ResourceEndpointFor final : public ResourceEndpoint {
 public:
  ResourceEndpointFor(registry::StoreContext context, EndpointOptions options)
      : clock_(*context.clock),
        random_(*context.random),
        options_(options),
        store_(std::move(context)) {}

  http::Response Get(std::string_view ns, std::string_view name,
                     const OutputRequest& output) override {
    auto object = store_.Get(ns, name);
    if (output.negotiated.form == OutputForm::kObject || !object.ok()) return Object(200, object);
    return Converted(ConvertObject(*object, output.negotiated, output.table, clock_.Now()), output);
  }

  http::Response List(std::string_view ns, const registry::ListOptions& options,
                      const OutputRequest& output) override {
    if (auto fits = CheckOutputFormFits(output.negotiated, /*is_list=*/true); !fits.ok()) {
      return StatusResponse(fits);
    }
    if (output.negotiated.form == OutputForm::kObject) {
      auto list = store_.ListShared(ns, options);
      if (!list.ok()) return StatusResponse(list.status());
      return JsonResponse(200, ListJson(*list));
    }
    auto list = store_.List(ns, options);
    if (!list.ok()) return StatusResponse(list.status());
    return Converted(
        ConvertList(list->items, list->metadata, output.negotiated, output.table, clock_.Now()),
        output);
  }

  http::Response Watch(std::string_view ns, const registry::ListOptions& options,
                       const OutputRequest& output) override {
    auto subscription = store_.Watch(ns, options);
    if (!subscription.ok()) return StatusResponse(subscription.status());
    WatchStreamOptions stream{.clock = &clock_,
                              .deadline = clock_.Now() + WatchTimeout(options),
                              .bookmarks = options.allow_watch_bookmarks,
                              .bookmark_interval = options_.bookmark_interval};
    if (ApiserverMetrics* metrics = options_.metrics) {
      constexpr std::string_view kind = api::KindTraits<T>::kInfo.kind;
      metrics->WatcherAdded(kind);
      stream.on_event_sent = [metrics](std::size_t bytes) {
        metrics->WatchEventSent(kind, bytes);
      };
      stream.on_end = [metrics] {
        metrics->WatcherRemoved(kind);
      };
    }
    http::Response response =
        StreamWatch<T>(std::move(*subscription), std::move(stream), EventEncoderFor(output));
    response.content_type = output.negotiated.content_type;
    return response;
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
                       registry::PatchType type, bool status_only,
                       const registry::WriteOptions& options) override {
    std::vector<std::string> warnings;
    return Object(200, store_.Patch(ns, name, body, type, status_only, options, &warnings),
                  warnings);
  }

  http::Response Delete(std::string_view ns, std::string_view name, std::string_view body,
                        bool dry_run) override {
    auto options = registry::ParseDeleteOptions(body);
    if (!options.ok()) return StatusResponse(options.status());
    options->dry_run = options->dry_run || dry_run;
    return Object(200, store_.Delete(ns, name, *options));
  }

  http::Response DeleteCollection(std::string_view ns, const registry::ListOptions& list_options,
                                  std::string_view body, bool dry_run) override {
    auto options = registry::ParseDeleteOptions(body);
    if (!options.ok()) return StatusResponse(options.status());
    options->dry_run = options->dry_run || dry_run;
    auto deleted = store_.DeleteCollection(ns, list_options, *options);
    if (!deleted.ok()) return StatusResponse(deleted.status());
    return JsonResponse(200, EncodeList(*deleted));
  }

 private:
  static boost::json::object EncodeList(const registry::ListOf<T>& list) {
    boost::json::array items;
    items.reserve(list.items.size());
    for (const auto& item : list.items) items.push_back(api::EncodeObject(item));
    boost::json::object out;
    out["apiVersion"] = fmt::format("{}/{}", api::kGroup, api::kStorageVersion);
    out["kind"] = api::KindTraits<T>::kInfo.list_kind;
    out["metadata"] = api::EncodeJson(list.metadata);
    out["items"] = std::move(items);
    return out;
  }

  // The same document as EncodeList, written from each item's wire form.
  static std::string ListJson(const registry::SharedListOf<T>& list) {
    std::string out =
        fmt::format(R"({{"apiVersion":"{}/{}","kind":"{}","metadata":{},"items":[)", api::kGroup,
                    api::kStorageVersion, api::KindTraits<T>::kInfo.list_kind,
                    boost::json::serialize(api::EncodeJson(list.metadata)));
    std::size_t size = out.size() + 2;
    for (const auto& item : list.items) size += item->json.size() + 1;
    out.reserve(size);
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      if (i > 0) out += ',';
      out += list.items[i]->json;
    }
    out += "]}";
    return out;
  }

  http::Response Converted(const Result<boost::json::object>& body, const OutputRequest& output) {
    if (!body.ok()) return StatusResponse(body.status());
    http::Response r = JsonResponse(200, *body);
    r.content_type = output.negotiated.content_type;
    return r;
  }

  // How a watch writes its events: the objects themselves, a one-row Table
  // per event (column definitions in the first only), or their metadata.
  EventEncoder<T> EventEncoderFor(const OutputRequest& output) {
    switch (output.negotiated.form) {
      case OutputForm::kTable: {
        TableOptions table = output.table;
        table.api_version = output.negotiated.api_version;
        auto encoder = std::make_shared<WatchTableEncoder<T>>(std::move(table));
        const std::string api_version = output.negotiated.api_version;
        return [encoder, api_version, &clock = clock_](const watch::Event<T>& e) {
          if (e.type == watch::EventType::kBookmark) {
            // A bookmark's Table has no rows, only how far the client has seen.
            boost::json::object table{{"kind", "Table"},
                                      {"apiVersion", api_version},
                                      {"metadata", BookmarkObject(e).at("metadata")},
                                      {"columnDefinitions", nullptr},
                                      {"rows", boost::json::array()}};
            return EventLine(e, table);
          }
          if (!e.object) return EncodeObjectEvent(e);
          return EventLine(e, encoder->Encode(e.object->object, clock.Now()));
        };
      }
      case OutputForm::kPartialObjectMetadata: {
        const std::string api_version = output.negotiated.api_version;
        return [api_version](const watch::Event<T>& e) {
          if (e.type == watch::EventType::kBookmark) {
            boost::json::object bookmark = BookmarkObject(e);
            bookmark["kind"] = "PartialObjectMetadata";
            bookmark["apiVersion"] = api_version;
            return EventLine(e, bookmark);
          }
          if (!e.object) return EncodeObjectEvent(e);
          return EventLine(e, ToPartialObjectMetadata(e.object->object.metadata, api_version));
        };
      }
      default:
        return &EncodeObjectEvent<T>;
    }
  }

  static std::string EventLine(const watch::Event<T>& e, const boost::json::object& object) {
    return fmt::format("{{\"type\":\"{}\",\"object\":{}}}\n", watch::EventTypeName(e.type),
                       boost::json::serialize(object));
  }

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

  std::chrono::milliseconds WatchTimeout(const registry::ListOptions& options) {
    if (options.timeout_seconds) return std::chrono::seconds(*options.timeout_seconds);
    const auto base =
        std::chrono::duration_cast<std::chrono::milliseconds>(options_.min_request_timeout);
    const auto spread = base.count() > 0 ? random_.Next() % static_cast<uint64_t>(base.count()) : 0;
    return base + std::chrono::milliseconds(spread);
  }

  const Clock& clock_;
  Random& random_;
  const EndpointOptions options_;
  registry::Store<T> store_;
};

}  // namespace

template <typename T>
std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint(registry::StoreContext context,
                                                       EndpointOptions options) {
  return std::make_unique<ResourceEndpointFor<T>>(std::move(context), options);
}

template std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint<api::ElasticsearchCluster>(
    registry::StoreContext, EndpointOptions);
template std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint<api::CassandraCluster>(
    registry::StoreContext, EndpointOptions);
template std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint<api::Pilot>(registry::StoreContext,
                                                                            EndpointOptions);

}  // namespace navigator::apiserver
