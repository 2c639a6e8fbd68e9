#pragma once

// Types shared by the Navigator kinds (reference: navigator-api.md §2.1), in
// their internal form. The v1alpha1 wire names are given by each JsonFields().

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/meta/time.h"
#include "navigator/api/resource/quantity.h"

namespace navigator::api {

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

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("name", &ResourceClaim::name),
                           Field("request", &ResourceClaim::request, kOmitEmpty));
  }
  bool operator==(const ResourceClaim&) const = default;
};

// core/v1 ResourceRequirements.
struct ResourceRequirements {
  std::map<std::string, Quantity> limits;
  std::map<std::string, Quantity> requests;
  std::vector<ResourceClaim> claims;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("limits", &ResourceRequirements::limits, kOmitEmpty),
                           Field("requests", &ResourceRequirements::requests, kOmitEmpty),
                           Field("claims", &ResourceRequirements::claims, kOmitEmpty));
  }
  bool operator==(const ResourceRequirements&) const = default;
};

struct ImageSpec {
  std::string repository;
  std::string tag;
  std::string pull_policy;  // Always | IfNotPresent | Never

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("repository", &ImageSpec::repository),
                           Field("tag", &ImageSpec::tag),
                           Field("pullPolicy", &ImageSpec::pull_policy, kOmitEmpty));
  }
  bool operator==(const ImageSpec&) const = default;
};

struct NavigatorSecurityContext {
  std::optional<int64_t> run_as_user;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("runAsUser", &NavigatorSecurityContext::run_as_user, kOmitEmpty));
  }
  bool operator==(const NavigatorSecurityContext&) const = default;
};

// Embedded inline in both cluster specs.
struct NavigatorClusterConfig {
  ImageSpec pilot_image;
  NavigatorSecurityContext security_context;
  bool paused = false;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("pilotImage", &NavigatorClusterConfig::pilot_image),
                           Field("securityContext", &NavigatorClusterConfig::security_context),
                           Field("paused", &NavigatorClusterConfig::paused, kOmitEmpty));
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

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("enabled", &PersistenceConfig::enabled, kOmitEmpty),
                           Field("size", &PersistenceConfig::size),
                           Field("storageClass", &PersistenceConfig::storage_class, kOmitEmpty));
  }
  bool operator==(const PersistenceConfig&) const = default;
};

struct ClusterCondition {
  std::string type;    // Available | Progressing
  std::string status;  // True | False | Unknown
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("type", &ClusterCondition::type),
                           Field("status", &ClusterCondition::status),
                           Field("lastTransitionTime", &ClusterCondition::last_transition_time),
                           Field("reason", &ClusterCondition::reason, kOmitEmpty),
                           Field("message", &ClusterCondition::message, kOmitEmpty));
  }
  bool operator==(const ClusterCondition&) const = default;
};

// Embedded inline in both cluster statuses.
struct NavigatorClusterStatus {
  std::vector<ClusterCondition> conditions;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("conditions", &NavigatorClusterStatus::conditions, kOmitEmpty));
  }
  bool operator==(const NavigatorClusterStatus&) const = default;
};

struct NodePoolStatus {
  int32_t ready_replicas = 0;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("readyReplicas", &NodePoolStatus::ready_replicas));
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
