#include "navigator/controller/options.h"

#include <fmt/format.h>

namespace navigator::controller {
namespace {

// A duration flag in Go's form ("15s", "500ms", "1m"), as kube's
// --leader-elect-* flags take.
void AddDurationOption(CLI::App& app, const std::string& name, std::chrono::milliseconds& field,
                       const std::string& help) {
  app.add_option(
         name,
         [name, &field](const CLI::results_t& r) {
           const std::string& text = r.front();
           std::size_t digits = 0;
           while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
             ++digits;
           }
           std::int64_t n = 0;
           const std::string unit = text.substr(digits);
           if (digits == 0 || digits > 9 || !CLI::detail::lexical_cast(text.substr(0, digits), n)) {
             throw CLI::ValidationError(name,
                                        fmt::format("\"{}\" is not a duration such as 15s", text));
           }
           if (unit == "ms") {
             field = std::chrono::milliseconds(n);
           } else if (unit == "s") {
             field = std::chrono::seconds(n);
           } else if (unit == "m") {
             field = std::chrono::minutes(n);
           } else {
             throw CLI::ValidationError(
                 name, fmt::format("\"{}\": the unit must be ms, s or m (e.g. 15s)", text));
           }
           return true;
         },
         help)
      ->default_str(fmt::format("{}ms", field.count()));
}

Status ValidateAddress(const std::string& flag, const std::string& address) {
  if (address == "0") return OkStatus();
  auto colon = address.rfind(':');
  if (colon == std::string::npos || colon + 1 == address.size()) {
    return BadRequest(
        fmt::format("{}: \"{}\" is not host:port (or 0 to turn it off)", flag, address));
  }
  return OkStatus();
}

}  // namespace

void Options::AddFlags(CLI::App& app) {
  app.add_option("--kubeconfig", kubeconfig,
                 "Path to a kubeconfig. Empty: $KUBECONFIG, else the in-cluster service "
                 "account, else ~/.kube/config.");
  app.add_option("--master", master,
                 "The address of the Kubernetes API server (overrides the kubeconfig's).");
  app.add_option("--context", context, "The kubeconfig context to use.");
  app.add_option("--namespace", namespace_,
                 "Only watch and reconcile this namespace (default: all namespaces).");
  app.add_option("--leader-elect", leader_election.enabled,
                 "Take a Lease before reconciling, so only one replica acts at a time.")
      ->capture_default_str();
  AddDurationOption(app, "--leader-elect-lease-duration", leader_election.lease_duration,
                    "How long a non-leader waits after the last renewal before taking over.");
  AddDurationOption(app, "--leader-elect-renew-deadline", leader_election.renew_deadline,
                    "How long the leader keeps trying to renew before it stops leading.");
  AddDurationOption(app, "--leader-elect-retry-period", leader_election.retry_period,
                    "How often candidates try to acquire, and the leader renews.");
  // --leader-election-namespace is jetstack/navigator's name for it.
  app.add_option("--leader-elect-resource-namespace,--leader-election-namespace",
                 leader_election.resource_namespace, "The namespace of the Lease.")
      ->capture_default_str();
  app.add_option("--leader-elect-resource-name", leader_election.resource_name,
                 "The name of the Lease.")
      ->capture_default_str();
  app.add_option("--health-bind-address", health_bind_address,
                 "host:port serving /healthz and /readyz over HTTPS (0 turns it off).")
      ->capture_default_str();
  app.add_option("--metrics-bind-address", metrics_bind_address,
                 "host:port serving /metrics over HTTPS (0 turns it off).")
      ->capture_default_str();
  app.add_option("--cert-dir", cert_dir,
                 "Directory for the self-signed certificate of the health and metrics endpoints.")
      ->capture_default_str();
  app.add_option("--kube-api-qps", kube_api_qps,
                 "Requests per second to the API server (client-side limit; 0: none).")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--kube-api-burst", kube_api_burst,
                 "Requests that may go at once above --kube-api-qps.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--concurrent-workers", workers, "Workers per controller.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option(
         "--resync-period",
         [this](const CLI::results_t& r) {
           std::int64_t seconds = 0;
           if (!CLI::detail::lexical_cast(r.front(), seconds) || seconds < 0) {
             throw CLI::ValidationError("--resync-period",
                                        "must be a non-negative number of seconds");
           }
           resync_period = std::chrono::seconds(seconds);
           return true;
         },
         "Seconds between re-deliveries of every cached object to the controllers (0: none).")
      ->default_str("0");
  app.add_option(
         "--logging-format",
         [this](const CLI::results_t& r) {
           auto format = ParseLogFormat(r.front());
           if (!format.ok()) throw CLI::ValidationError(format.status().message());
           log_format = *format;
           return true;
         },
         "text (klog-like) or json.")
      ->default_str("text");
  app.add_option("-v,--v", verbosity, "Log verbosity.")->capture_default_str();
}

Status Options::Validate() const {
  const auto& le = leader_election;
  if (le.enabled) {
    if (le.lease_duration <= le.renew_deadline) {
      return BadRequest(
          "--leader-elect-lease-duration must be greater than "
          "--leader-elect-renew-deadline");
    }
    if (le.renew_deadline <= le.retry_period) {
      return BadRequest(
          "--leader-elect-renew-deadline must be greater than "
          "--leader-elect-retry-period");
    }
    if (le.retry_period.count() <= 0) {
      return BadRequest("--leader-elect-retry-period must be positive");
    }
    if (le.resource_name.empty() || le.resource_namespace.empty()) {
      return BadRequest(
          "--leader-elect-resource-name and --leader-elect-resource-namespace must not be empty");
    }
  }
  NAVIGATOR_RETURN_IF_ERROR(ValidateAddress("--health-bind-address", health_bind_address));
  NAVIGATOR_RETURN_IF_ERROR(ValidateAddress("--metrics-bind-address", metrics_bind_address));
  return OkStatus();
}

}  // namespace navigator::controller
