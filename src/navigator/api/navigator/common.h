#pragma once

// Types shared by the Navigator kinds (reference: navigator-api.md §2.1), in
// their internal form. The v1alpha1 wire names, descriptions and merge keys
// are given by each JsonFields(); kJsonSchemaName is the name a type has in
// the published OpenAPI documents.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/meta/time.h"
#include "navigator/api/resource/quantity.h"

namespace navigator::api {

// Descriptions of the node-pool fields both cluster kinds share.
inline constexpr std::string_view kNodeSelectorDoc =
    "Labels a Kubernetes node must carry for the pool's pods to run on it.";
inline constexpr std::string_view kPoolPersistenceDoc =
    "Persistent volumes for the pool's nodes. May be added after creation, but not changed or "
    "removed once set.";
inline constexpr std::string_view kSchedulerNameDoc =
    "Scheduler that places the pool's pods; the default scheduler when empty.";

template <>
struct JsonTraits<Quantity> {
  static void Decode(const boost::json::value& v, Quantity& out, DecodeContext& ctx);
  static boost::json::value Encode(const Quantity& in) {
    return boost::json::string(in.ToString());
  }
  static bool IsEmpty(const Quantity& in) { return in.IsZero(); }
};

// core/v1 ResourceClaim.
struct ResourceClaim {
  std::string name;
  std::string request;

  static constexpr std::string_view kJsonSchemaName = "io.k8s.api.core.v1.ResourceClaim";
  static constexpr std::string_view kJsonDescription =
      "A dynamic resource claim of the pod that the container uses.";
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("name", &ResourceClaim::name)
            .Doc("Name of an entry in the pod's resourceClaims.")
            .Required(),
        Field("request", &ResourceClaim::request, kOmitEmpty)
            .Doc("The request of the claim to use; empty means the whole claim."));
  }
  bool operator==(const ResourceClaim&) const = default;
};

// core/v1 ResourceRequirements.
struct ResourceRequirements {
  std::map<std::string, Quantity> limits;
  std::map<std::string, Quantity> requests;
  std::vector<ResourceClaim> claims;

  static constexpr std::string_view kJsonSchemaName = "io.k8s.api.core.v1.ResourceRequirements";
  static constexpr std::string_view kJsonDescription =
      "Compute resources a container reserves and may use.";
  static constexpr auto JsonFields() {
    using R = ResourceRequirements;
    return std::make_tuple(
        Field("limits", &R::limits, kOmitEmpty)
            .Doc("The most of each resource (cpu, memory, ...) the container may use."),
        Field("requests", &R::requests, kOmitEmpty)
            .Doc("The amount of each resource reserved for the container when its pod is "
                 "scheduled; defaults to the limit when only a limit is given."),
        Field("claims", &R::claims, kOmitEmpty)
            .Doc("Dynamic resource claims of the pod that the container uses."));
  }
  bool operator==(const ResourceRequirements&) const = default;
};

struct ImageSpec {
  std::string repository;
  std::string tag;
  std::string pull_policy;  // Always | IfNotPresent | Never

  static constexpr std::string_view kJsonSchemaName = "io.jetstack.navigator.v1alpha1.ImageSpec";
  static constexpr std::string_view kJsonDescription = "A container image and its pull policy.";
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("repository", &ImageSpec::repository)
            .Doc("Image repository, for example quay.io/jetstack/navigator-pilot-elasticsearch.")
            .Required(),
        Field("tag", &ImageSpec::tag).Doc("Image tag, for example v0.1.0.").Required(),
        Field("pullPolicy", &ImageSpec::pull_policy, kOmitEmpty)
            .Doc("When the image is pulled: Always, IfNotPresent (the default) or Never."));
  }
  bool operator==(const ImageSpec&) const = default;
};

struct NavigatorSecurityContext {
  std::optional<int64_t> run_as_user;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.NavigatorSecurityContext";
  static constexpr std::string_view kJsonDescription = "Security settings of the database pods.";
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("runAsUser", &NavigatorSecurityContext::run_as_user, kOmitEmpty)
            .Doc("User ID the pilot and the database run as, also used as the pods' fsGroup so "
                 "that their volumes are writable. At least 0; the image's user when unset."));
  }
  bool operator==(const NavigatorSecurityContext&) const = default;
};

// Embedded inline in both cluster specs.
struct NavigatorClusterConfig {
  ImageSpec pilot_image;
  NavigatorSecurityContext security_context;
  bool paused = false;

  static constexpr auto JsonFields() {
    using C = NavigatorClusterConfig;
    return std::make_tuple(
        Field("pilotImage", &C::pilot_image)
            .Doc("The Navigator pilot image. The pilot runs as PID 1 in every database pod: it "
                 "configures and supervises the database and drains the node before it goes "
                 "away. Required; pullPolicy defaults to IfNotPresent.")
            .Required(),
        Field("securityContext", &C::security_context)
            .Doc("Security settings of the cluster's database pods."),
        Field("paused", &C::paused, kOmitEmpty)
            .Doc("When true, Navigator takes no action on the cluster (no scaling, upgrades or "
                 "repairs) until it is set back to false."));
  }
  bool operator==(const NavigatorClusterConfig&) const = default;
};

struct PersistenceConfig {
  Quantity size;
  std::optional<std::string> storage_class;
  // Not in the original schema, but in its documentation's quick-start
  // manifests (where it was silently dropped). Accepted so those manifests
  // pass strict field validation; the block's presence is what turns
  // persistence on, and validation refuses `false`.
  std::optional<bool> enabled;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.PersistenceConfig";
  static constexpr std::string_view kJsonDescription =
      "A persistent volume for every node of a pool. Without it a node's data lives only as "
      "long as its pod.";
  static constexpr auto JsonFields() {
    using P = PersistenceConfig;
    return std::make_tuple(
        Field("enabled", &P::enabled, kOmitEmpty)
            .Doc("Accepted for the original quick-start manifests: the block's presence is what "
                 "turns persistence on, and false is refused (remove the block instead)."),
        Field("size", &P::size)
            .Doc("Size of each node's volume, for example 10Gi. Required and greater than "
                 "zero.")
            .Required(),
        Field("storageClass", &P::storage_class, kOmitEmpty)
            .Doc("StorageClass of the volumes; the cluster's default StorageClass when unset."));
  }
  bool operator==(const PersistenceConfig&) const = default;
};

struct ClusterCondition {
  std::string type;    // Available | Progressing
  std::string status;  // True | False | Unknown
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.ClusterCondition";
  static constexpr std::string_view kJsonDescription = "One aspect of a cluster's state.";
  static constexpr auto JsonFields() {
    using C = ClusterCondition;
    return std::make_tuple(
        Field("type", &C::type)
            .Doc("The aspect: Available or Progressing. Conditions are merged by type.")
            .Required(),
        Field("status", &C::status).Doc("True, False or Unknown.").Required(),
        Field("lastTransitionTime", &C::last_transition_time).Doc("When the status last changed."),
        Field("reason", &C::reason, kOmitEmpty)
            .Doc("Machine-readable CamelCase reason for the last change, for example "
                 "ClusterPaused."),
        Field("message", &C::message, kOmitEmpty)
            .Doc("Human-readable details of the last change."));
  }
  bool operator==(const ClusterCondition&) const = default;
};

// Embedded inline in both cluster statuses.
struct NavigatorClusterStatus {
  std::vector<ClusterCondition> conditions;

  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("conditions", &NavigatorClusterStatus::conditions, kOmitEmpty)
            .Doc("The latest observations of the cluster's state, one per type; merged by type.")
            .MergeKey("type"));
  }
  bool operator==(const NavigatorClusterStatus&) const = default;
};

struct NodePoolStatus {
  int32_t ready_replicas = 0;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.NodePoolStatus";
  static constexpr std::string_view kJsonDescription = "Observed state of one node pool.";
  static constexpr auto JsonFields() {
    return std::make_tuple(Field("readyReplicas", &NodePoolStatus::ready_replicas)
                               .Doc("Number of the pool's database nodes that are ready."));
  }
  bool operator==(const NodePoolStatus&) const = default;
};

// A database version as the user wrote it, with its parsed form when it
// parses. Decoding never fails on a malformed version; validation reports it
// (422 at the field) so that one response lists every problem.
template <typename V>
struct VersionField {
  std::string text;         // as received ("" when absent)
  std::optional<V> parsed;  // set when `text` parses as V
  bool received_string = true;

  bool operator==(const VersionField& o) const {
    return text == o.text && received_string == o.received_string;
  }
};

}  // namespace navigator::api
