#pragma once

// Namespaces for NamespaceLifecycle from the cluster: a watched cache of
// /api/v1/namespaces, and a GET of one namespace for the live lookup.
//
// Threading: Start/Stop from one thread; Cached and Live are thread-safe.

#include "navigator/apiserver/admission/namespace_lifecycle.h"
#include "navigator/client/informer.h"
#include "navigator/client/rest_client.h"

namespace navigator::apiserver {

class ClusterNamespaceSource final : public admission::NamespaceSource {
 public:
  // `client` and the environment's members must outlive this.
  ClusterNamespaceSource(client::RestClient& client, client::ReflectorEnvironment environment);

  void Start() { informer_.Start(); }
  void Stop() { informer_.Stop(); }

  std::optional<admission::NamespacePhase> Cached(std::string_view name) const override;
  Result<admission::NamespacePhase> Live(std::string_view name) const override;

 private:
  client::RestClient& client_;
  client::Informer informer_;
};

// The phase of a Namespace object: Terminating when status.phase says so or
// metadata.deletionTimestamp is set, else Active.
admission::NamespacePhase NamespacePhaseOf(const boost::json::object& ns);

}  // namespace navigator::apiserver
