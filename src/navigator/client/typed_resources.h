#pragma once

// The resources Navigator works with, as constants (group, version,
// resource, kind, scope) and ResourceClient factories for each, so callers
// need no discovery for them:
//
//   ResourceClient pods = client::Pods(rest);
//   auto pod = pods.Get("team-a", "es-0");
//
// The versions are the stable ones kube-apiserver 1.36 serves (and our own
// navigator.jetstack.io/v1alpha1).

#include <string_view>

#include "navigator/client/resource_client.h"

namespace navigator::client {

struct TypedResource {
  std::string_view group;
  std::string_view version;
  std::string_view resource;
  std::string_view kind;
  bool namespaced;

  GroupVersionResource gvr() const {
    return {std::string(group), std::string(version), std::string(resource)};
  }
};

inline constexpr TypedResource kPods{"", "v1", "pods", "Pod", true};
inline constexpr TypedResource kServices{"", "v1", "services", "Service", true};
inline constexpr TypedResource kEndpoints{"", "v1", "endpoints", "Endpoints", true};
inline constexpr TypedResource kConfigMaps{"", "v1", "configmaps", "ConfigMap", true};
inline constexpr TypedResource kSecrets{"", "v1", "secrets", "Secret", true};
inline constexpr TypedResource kServiceAccounts{"", "v1", "serviceaccounts", "ServiceAccount",
                                                true};
// core/v1 Events: what kubectl describe and `kubectl get events` show.
inline constexpr TypedResource kEvents{"", "v1", "events", "Event", true};
inline constexpr TypedResource kNamespaces{"", "v1", "namespaces", "Namespace", false};
inline constexpr TypedResource kNodes{"", "v1", "nodes", "Node", false};
inline constexpr TypedResource kPersistentVolumeClaims{"", "v1", "persistentvolumeclaims",
                                                       "PersistentVolumeClaim", true};
inline constexpr TypedResource kStatefulSets{"apps", "v1", "statefulsets", "StatefulSet", true};
inline constexpr TypedResource kPodDisruptionBudgets{"policy", "v1", "poddisruptionbudgets",
                                                     "PodDisruptionBudget", true};
inline constexpr TypedResource kRoles{"rbac.authorization.k8s.io", "v1", "roles", "Role", true};
inline constexpr TypedResource kRoleBindings{"rbac.authorization.k8s.io", "v1", "rolebindings",
                                             "RoleBinding", true};
inline constexpr TypedResource kLeases{"coordination.k8s.io", "v1", "leases", "Lease", true};
inline constexpr TypedResource kElasticsearchClusters{
    "navigator.jetstack.io", "v1alpha1", "elasticsearchclusters", "ElasticsearchCluster", true};
inline constexpr TypedResource kCassandraClusters{"navigator.jetstack.io", "v1alpha1",
                                                  "cassandraclusters", "CassandraCluster", true};
inline constexpr TypedResource kPilots{"navigator.jetstack.io", "v1alpha1", "pilots", "Pilot",
                                       true};

// Every resource above, for tests and for starting informers on all of them.
inline constexpr TypedResource kTypedResources[] = {kPods,
                                                    kServices,
                                                    kEndpoints,
                                                    kConfigMaps,
                                                    kSecrets,
                                                    kServiceAccounts,
                                                    kEvents,
                                                    kNamespaces,
                                                    kNodes,
                                                    kPersistentVolumeClaims,
                                                    kStatefulSets,
                                                    kPodDisruptionBudgets,
                                                    kRoles,
                                                    kRoleBindings,
                                                    kLeases,
                                                    kElasticsearchClusters,
                                                    kCassandraClusters,
                                                    kPilots};

// A ResourceClient for `type`. `client` must outlive it.
inline ResourceClient ClientFor(RestClient& client, const TypedResource& type) {
  return ResourceClient(client, type.gvr(), type.namespaced);
}

inline ResourceClient Pods(RestClient& c) {
  return ClientFor(c, kPods);
}
inline ResourceClient Services(RestClient& c) {
  return ClientFor(c, kServices);
}
inline ResourceClient Endpoints(RestClient& c) {
  return ClientFor(c, kEndpoints);
}
inline ResourceClient ConfigMaps(RestClient& c) {
  return ClientFor(c, kConfigMaps);
}
inline ResourceClient Secrets(RestClient& c) {
  return ClientFor(c, kSecrets);
}
inline ResourceClient ServiceAccounts(RestClient& c) {
  return ClientFor(c, kServiceAccounts);
}
inline ResourceClient Events(RestClient& c) {
  return ClientFor(c, kEvents);
}
inline ResourceClient Namespaces(RestClient& c) {
  return ClientFor(c, kNamespaces);
}
inline ResourceClient Nodes(RestClient& c) {
  return ClientFor(c, kNodes);
}
inline ResourceClient PersistentVolumeClaims(RestClient& c) {
  return ClientFor(c, kPersistentVolumeClaims);
}
inline ResourceClient StatefulSets(RestClient& c) {
  return ClientFor(c, kStatefulSets);
}
inline ResourceClient PodDisruptionBudgets(RestClient& c) {
  return ClientFor(c, kPodDisruptionBudgets);
}
inline ResourceClient Roles(RestClient& c) {
  return ClientFor(c, kRoles);
}
inline ResourceClient RoleBindings(RestClient& c) {
  return ClientFor(c, kRoleBindings);
}
inline ResourceClient Leases(RestClient& c) {
  return ClientFor(c, kLeases);
}
inline ResourceClient ElasticsearchClusters(RestClient& c) {
  return ClientFor(c, kElasticsearchClusters);
}
inline ResourceClient CassandraClusters(RestClient& c) {
  return ClientFor(c, kCassandraClusters);
}
inline ResourceClient Pilots(RestClient& c) {
  return ClientFor(c, kPilots);
}

}  // namespace navigator::client
