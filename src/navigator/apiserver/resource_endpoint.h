#pragma once

// The REST verbs of one resource, independent of its C++ type, so the router
// can dispatch by plural name. MakeResourceEndpoint<T> adapts a Store<T>.
//
// Threading: every method may be called concurrently.

#include <chrono>
#include <memory>
#include <string_view>

#include "navigator/apiserver/media_type.h"
#include "navigator/apiserver/registry/list_options.h"
#include "navigator/apiserver/registry/store.h"
#include "navigator/apiserver/request_metrics.h"
#include "navigator/apiserver/table.h"
#include "navigator/http/request.h"

namespace navigator::apiserver {

struct EndpointOptions {
  // How often a watch that allows bookmarks gets one.
  std::chrono::seconds bookmark_interval{60};
  // A watch without timeoutSeconds ends after a random time in [t, 2t), as
  // kube-apiserver's --min-request-timeout does, so clients spread out.
  std::chrono::seconds min_request_timeout{1800};
  // Watch metrics (open watchers, events sent); not owned, may be null.
  ApiserverMetrics* metrics = nullptr;
};

// The form a read answers in: the objects themselves, a Table or
// PartialObjectMetadata, negotiated from the Accept header.
struct OutputRequest {
  Negotiated negotiated;
  TableOptions table;
};

class ResourceEndpoint {
 public:
  virtual ~ResourceEndpoint() = default;
  virtual http::Response Get(std::string_view ns, std::string_view name,
                             const OutputRequest& output = {}) = 0;
  virtual http::Response List(std::string_view ns, const registry::ListOptions& options,
                              const OutputRequest& output = {}) = 0;
  virtual http::Response Watch(std::string_view ns, const registry::ListOptions& options,
                               const OutputRequest& output = {}) = 0;
  virtual http::Response Create(std::string_view ns, std::string_view body,
                                const registry::WriteOptions& options) = 0;
  virtual http::Response Update(std::string_view ns, std::string_view name, std::string_view body,
                                const registry::WriteOptions& options) = 0;
  virtual http::Response UpdateStatus(std::string_view ns, std::string_view name,
                                      std::string_view body,
                                      const registry::WriteOptions& options) = 0;
  virtual http::Response Patch(std::string_view ns, std::string_view name, std::string_view body,
                               registry::PatchType type, bool status_only,
                               const registry::WriteOptions& options) = 0;
  // `dry_run` comes from the query; the body (DeleteOptions) may ask for it too.
  virtual http::Response Delete(std::string_view ns, std::string_view name, std::string_view body,
                                bool dry_run) = 0;
  virtual http::Response DeleteCollection(std::string_view ns,
                                          const registry::ListOptions& list_options,
                                          std::string_view body, bool dry_run) = 0;
};

template <typename T>
std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint(registry::StoreContext context,
                                                       EndpointOptions options);

}  // namespace navigator::apiserver
