#pragma once

// The classic discovery documents kubectl reads: /api, /apis,
// /apis/<group>, /apis/<group>/<version>. Built once from api/navigator/kinds.h.
// Also the aggregated form of /api and /apis (apidiscovery.k8s.io/v2,
// KEP-3352), which kubectl asks for first.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace navigator::apiserver {

boost::json::value LegacyApiVersions();         // /api
boost::json::value ApiGroupList();              // /apis
boost::json::value NavigatorApiGroup();         // /apis/navigator.jetstack.io
boost::json::value NavigatorApiResourceList();  // /apis/navigator.jetstack.io/v1alpha1

// An apidiscovery.k8s.io/v2 APIGroupDiscoveryList: for /apis (`legacy_api`
// false) the navigator.jetstack.io group with every served version, each with
// its resources (responseKind, scope, singularResource, verbs, shortNames,
// categories and the status subresource) and freshness "Current"; for /api
// (`legacy_api` true) no groups, as this server has no core resources.
boost::json::object AggregatedDiscovery(bool legacy_api);

// The ETag kube sends with an aggregated discovery document: the quoted
// upper-case hex SHA-512 of its serialised JSON `body`.
std::string DiscoveryETag(std::string_view body);

}  // namespace navigator::apiserver
