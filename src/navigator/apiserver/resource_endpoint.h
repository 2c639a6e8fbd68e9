#pragma once

// The REST verbs of one resource, independent of its C++ type, so the router
// can dispatch by plural name. ResourceEndpointFor<T> adapts a Store<T>.

#include <memory>
#include <string_view>

#include "navigator/apiserver/registry/store.h"
#include "navigator/http/request.h"

namespace navigator::apiserver {

class ResourceEndpoint {
 public:
  virtual ~ResourceEndpoint() = default;
  virtual http::Response Get(std::string_view ns, std::string_view name) = 0;
  virtual http::Response List(std::string_view ns) = 0;
  virtual http::Response Create(std::string_view ns, std::string_view body,
                                const registry::WriteOptions& options) = 0;
  virtual http::Response Update(std::string_view ns, std::string_view name, std::string_view body,
                                const registry::WriteOptions& options) = 0;
  virtual http::Response UpdateStatus(std::string_view ns, std::string_view name,
                                      std::string_view body,
                                      const registry::WriteOptions& options) = 0;
  virtual http::Response Patch(std::string_view ns, std::string_view name, std::string_view body,
                               bool strategic, bool status_only,
                               const registry::WriteOptions& options) = 0;
  virtual http::Response Delete(std::string_view ns, std::string_view name,
                                std::string_view body) = 0;
};

template <typename T>
std::unique_ptr<ResourceEndpoint> MakeResourceEndpoint(registry::StoreContext context);

}  // namespace navigator::apiserver
