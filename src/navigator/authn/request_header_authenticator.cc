#include "navigator/authn/request_header_authenticator.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace navigator::authn {
namespace {

// `s` with bytes outside printable ASCII escaped, for messages.
std::string Printable(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f) {
      out += ch;
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out;
}

}  // namespace

RequestHeaderAuthenticator::RequestHeaderAuthenticator(const Clock& clock) : clock_(clock) {}

Status RequestHeaderAuthenticator::SetConfig(RequestHeaderConfig config) {
  NAVIGATOR_ASSIGN_OR_RETURN(config.headers,
                             NormalizeRequestHeaderNames(std::move(config.headers)));
  auto snapshot = std::make_shared<const RequestHeaderConfig>(std::move(config));
  std::lock_guard lock(mu_);
  config_ = std::move(snapshot);
  return OkStatus();
}

std::shared_ptr<const RequestHeaderConfig> RequestHeaderAuthenticator::config() const {
  std::lock_guard lock(mu_);
  return config_;
}

Result<std::optional<UserInfo>> RequestHeaderAuthenticator::Authenticate(
    const http::Request& request) const {
  const std::shared_ptr<const RequestHeaderConfig> config = this->config();
  if (!config || !config->ca || request.peer_certificates_der.empty()) {
    return std::optional<UserInfo>();
  }
  Result<VerifiedCertificate> proxy =
      config->ca->Verify(request.peer_certificates_der, clock_.Now());
  if (!proxy.ok()) {
    return Status(StatusCode::kUnauthorized,
                  "front-proxy client certificate: " + proxy.status().message());
  }
  const std::vector<std::string>& allowed = config->allowed_names;
  if (!allowed.empty() &&
      std::find(allowed.begin(), allowed.end(), proxy->common_name) == allowed.end()) {
    return Status(StatusCode::kUnauthorized,
                  fmt::format("front-proxy client certificate: x509: subject with cn={} is "
                              "not in the allowed list",
                              Printable(proxy->common_name)));
  }
  return UserFromHeaders(request.headers, config->headers);
}

}  // namespace navigator::authn
