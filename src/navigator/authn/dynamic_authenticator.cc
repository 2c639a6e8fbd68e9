#include "navigator/authn/dynamic_authenticator.h"

#include <utility>
#include <vector>

#include "navigator/authn/authenticated_group.h"
#include "navigator/authn/ca_pool.h"
#include "navigator/authn/request_header_authenticator.h"
#include "navigator/authn/union_authenticator.h"
#include "navigator/authn/x509_authenticator.h"

namespace navigator::authn {
namespace {

Result<std::shared_ptr<const CaPool>> PoolFor(const std::string& pem, std::string_view key) {
  if (pem.empty()) return std::shared_ptr<const CaPool>();
  Result<std::shared_ptr<const CaPool>> pool = CaPool::FromPem(pem);
  if (!pool.ok()) return BadRequest(std::string(key) + ": " + pool.status().message());
  return pool;
}

}  // namespace

DynamicAuthenticator::DynamicAuthenticator(const Clock& clock,
                                           client::RestClient* token_review_client,
                                           TokenReviewOptions token_review_options)
    : clock_(clock),
      token_review_(token_review_client == nullptr
                        ? nullptr
                        : std::make_shared<const TokenReviewAuthenticator>(
                              *token_review_client, clock, std::move(token_review_options))) {
  Result<std::shared_ptr<const State>> initial = Build(nullptr);
  // Without a config nothing can fail.
  state_.store(initial.ok() ? *std::move(initial) : std::make_shared<const State>());
}

DynamicAuthenticator::~DynamicAuthenticator() = default;

Result<std::shared_ptr<const DynamicAuthenticator::State>> DynamicAuthenticator::Build(
    const DelegatedAuthenticationConfig* config) const {
  std::vector<std::shared_ptr<const Authenticator>> authenticators;
  if (config != nullptr) {
    NAVIGATOR_ASSIGN_OR_RETURN(
        std::shared_ptr<const CaPool> front_proxy_ca,
        PoolFor(config->requestheader_client_ca_pem, "requestheader-client-ca-file"));
    NAVIGATOR_ASSIGN_OR_RETURN(std::shared_ptr<const CaPool> client_ca,
                               PoolFor(config->client_ca_pem, "client-ca-file"));
    if (front_proxy_ca) {
      RequestHeaderConfig front_proxy;
      front_proxy.ca = std::move(front_proxy_ca);
      front_proxy.allowed_names = config->requestheader_allowed_names;
      front_proxy.headers.username_headers = config->requestheader_username_headers;
      front_proxy.headers.uid_headers = config->requestheader_uid_headers;
      front_proxy.headers.group_headers = config->requestheader_group_headers;
      front_proxy.headers.extra_header_prefixes = config->requestheader_extra_headers_prefix;
      auto request_header = std::make_shared<RequestHeaderAuthenticator>(clock_);
      NAVIGATOR_RETURN_IF_ERROR(request_header->SetConfig(std::move(front_proxy)));
      authenticators.push_back(std::move(request_header));
    }
    if (client_ca) {
      authenticators.push_back(std::make_shared<X509Authenticator>(clock_, std::move(client_ca)));
    }
  }
  if (token_review_) authenticators.push_back(token_review_);
  auto state = std::make_shared<State>();
  if (config != nullptr) state->config = *config;
  state->authenticator = std::make_shared<UnionAuthenticator>(std::move(authenticators));
  return std::shared_ptr<const State>(std::move(state));
}

Status DynamicAuthenticator::Update(const DelegatedAuthenticationConfig& config) {
  std::lock_guard lock(update_mu_);
  NAVIGATOR_ASSIGN_OR_RETURN(std::shared_ptr<const State> state, Build(&config));
  state_.store(std::move(state));
  return OkStatus();
}

std::optional<DelegatedAuthenticationConfig> DynamicAuthenticator::config() const {
  return state_.load()->config;
}

Result<std::optional<UserInfo>> DynamicAuthenticator::Authenticate(
    const http::Request& request) const {
  const std::shared_ptr<const State> state = state_.load();
  Result<std::optional<UserInfo>> user = state->authenticator->Authenticate(request);
  if (user.ok() && user->has_value()) AddAuthenticatedGroup(**user);
  return user;
}

}  // namespace navigator::authn
