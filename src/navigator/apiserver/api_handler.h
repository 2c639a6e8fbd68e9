#pragma once

// The request router of navigator-apiserver: health and version endpoints,
// discovery, and the REST verbs of the three kinds. Checks media types, path
// shape, namespaces and verbs, and answers every failure with a metav1.Status.
//
// Threading: Handle is called concurrently from the HTTP worker threads; the
// handler holds no mutable state of its own.

#include <map>
#include <memory>
#include <string>

#include "navigator/apiserver/admission/admission.h"
#include "navigator/apiserver/registry/store.h"
#include "navigator/apiserver/resource_endpoint.h"
#include "navigator/http/request.h"
#include "navigator/storage/storage.h"

namespace navigator::apiserver {

class ApiHandler {
 public:
  // `admission`, when not null, must outlive the handler; it sees every write.
  explicit ApiHandler(registry::StoreContext context, EndpointOptions options = {},
                      const admission::Plugin* admission = nullptr);

  http::Response Handle(const http::Request& request) const;

 private:
  http::Response HandleResource(const http::Request& request) const;
  http::Response HandleHealth(const http::Request& request, bool check_storage) const;

  registry::StoreContext context_;
  const admission::Plugin* admission_;
  std::map<std::string, std::unique_ptr<ResourceEndpoint>, std::less<>> endpoints_;
};

}  // namespace navigator::apiserver
