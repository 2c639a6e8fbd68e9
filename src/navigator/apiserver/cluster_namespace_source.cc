#include "navigator/apiserver/cluster_namespace_source.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace navigator::apiserver {
namespace {

constexpr std::size_t kMaxNamespaceBytes = 1 << 20;

}  // namespace

admission::NamespacePhase NamespacePhaseOf(const boost::json::object& ns) {
  if (const auto* metadata = ns.if_contains("metadata"); metadata && metadata->is_object()) {
    if (const auto* ts = metadata->as_object().if_contains("deletionTimestamp");
        ts && ts->is_string()) {
      return admission::NamespacePhase::kTerminating;
    }
  }
  if (const auto* status = ns.if_contains("status"); status && status->is_object()) {
    if (const auto* phase = status->as_object().if_contains("phase");
        phase && phase->is_string() && phase->as_string() == "Terminating") {
      return admission::NamespacePhase::kTerminating;
    }
  }
  return admission::NamespacePhase::kActive;
}

ClusterNamespaceSource::ClusterNamespaceSource(client::RestClient& client,
                                               client::ReflectorEnvironment environment)
    : client_(client),
      informer_(client, client::ListWatchOptions{.path = "/api/v1/namespaces"}, environment) {}

std::optional<admission::NamespacePhase> ClusterNamespaceSource::Cached(
    std::string_view name) const {
  if (!informer_.HasSynced()) return std::nullopt;
  client::ObjectPtr ns = informer_.store().Get(name);
  if (!ns) return std::nullopt;
  return NamespacePhaseOf(*ns);
}

Result<admission::NamespacePhase> ClusterNamespaceSource::Live(std::string_view name) const {
  // Namespace names are DNS labels; anything else cannot exist (and must not
  // be spliced into a path).
  const bool label =
      !name.empty() && name.size() <= 63 &&
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
  if (!label)
    return Status(StatusCode::kNotFound, fmt::format("namespaces \"{}\" not found", name));
  NAVIGATOR_ASSIGN_OR_RETURN(
      std::string body,
      client_.Do(client::RestRequest{.path = fmt::format("/api/v1/namespaces/{}", name)}));
  if (body.size() > kMaxNamespaceBytes) {
    return Status(StatusCode::kInternal, "the namespace kube-apiserver sent is over 1 MiB");
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) {
    return Status(StatusCode::kInternal,
                  fmt::format("kube-apiserver sent a namespace that is not a JSON object: {}",
                              ec ? ec.message() : "not an object"));
  }
  return NamespacePhaseOf(v.as_object());
}

}  // namespace navigator::apiserver
