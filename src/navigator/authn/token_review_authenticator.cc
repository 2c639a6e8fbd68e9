#include "navigator/authn/token_review_authenticator.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <random>
#include <utility>

#include "navigator/authn/json_read.h"

namespace navigator::authn {
namespace {

namespace bj = boost::json;
using internal::AsObject;
using internal::Member;
using internal::ReadBool;
using internal::ReadString;
using internal::StringList;

constexpr std::string_view kApiVersion = "authentication.k8s.io/v1";
constexpr std::string_view kKind = "TokenReview";
// status.error is quoted in log messages up to this length.
constexpr std::size_t kMaxQuotedError = 256;

Status Unauthorized(std::string message) {
  return Status(StatusCode::kUnauthorized, std::move(message));
}

// Go's strings.TrimSpace, for ASCII white space.
std::string_view TrimSpace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  const std::size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) {
             return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
           };
           return lower(x) == lower(y);
         });
}

// Bearer tokens are printable ASCII without spaces (RFC 6750's b64token, JWTs,
// bootstrap tokens); anything else is not sent to the cluster.
bool PlausibleToken(std::string_view token) {
  return std::all_of(token.begin(), token.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

void Wipe(std::string& secret) {
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
  secret.clear();
}

std::string Quoted(std::string_view text) {
  std::string out;
  for (const char ch : text.substr(0, kMaxQuotedError)) {
    const auto c = static_cast<unsigned char>(ch);
    out += (c >= 0x20 && c < 0x7f) ? ch : '?';
  }
  if (text.size() > kMaxQuotedError) out += "...";
  return out;
}

Status ReadUser(const bj::object& status, UserInfo& user) {
  const bj::value* value = Member(status, "user");
  if (value == nullptr) return OkStatus();
  NAVIGATOR_ASSIGN_OR_RETURN(const bj::object* object, AsObject(*value, "status.user"));
  NAVIGATOR_RETURN_IF_ERROR(ReadString(*object, "username", "status.user", user.name));
  NAVIGATOR_RETURN_IF_ERROR(ReadString(*object, "uid", "status.user", user.uid));
  if (const bj::value* groups = Member(*object, "groups")) {
    NAVIGATOR_ASSIGN_OR_RETURN(user.groups, StringList(*groups, "status.user.groups"));
  }
  if (const bj::value* extra = Member(*object, "extra")) {
    NAVIGATOR_ASSIGN_OR_RETURN(const bj::object* entries, AsObject(*extra, "status.user.extra"));
    for (const auto& entry : *entries) {
      const std::string key(entry.key());
      if (entry.value().is_null()) {
        user.extra[key];
        continue;
      }
      NAVIGATOR_ASSIGN_OR_RETURN(
          user.extra[key],
          StringList(entry.value(), fmt::format("status.user.extra[{}]", Quoted(key))));
    }
  }
  return OkStatus();
}

Result<TokenReviewResult> ParseReview(const bj::value& document) {
  NAVIGATOR_ASSIGN_OR_RETURN(const bj::object* review, AsObject(document, "the answer"));
  std::string kind, api_version;
  NAVIGATOR_RETURN_IF_ERROR(ReadString(*review, "kind", "", kind));
  NAVIGATOR_RETURN_IF_ERROR(ReadString(*review, "apiVersion", "", api_version));
  if (!kind.empty() && kind != kKind) {
    return BadRequest(fmt::format("kind: \"{}\" is not {}", Quoted(kind), kKind));
  }
  if (!api_version.empty() && api_version != kApiVersion) {
    return BadRequest(
        fmt::format("apiVersion: \"{}\" is not {}", Quoted(api_version), kApiVersion));
  }
  TokenReviewResult result;
  const bj::value* status_value = Member(*review, "status");
  if (status_value == nullptr) return result;
  NAVIGATOR_ASSIGN_OR_RETURN(const bj::object* status, AsObject(*status_value, "status"));
  NAVIGATOR_RETURN_IF_ERROR(ReadBool(*status, "authenticated", "status", result.authenticated));
  NAVIGATOR_RETURN_IF_ERROR(ReadString(*status, "error", "status", result.error));
  if (const bj::value* audiences = Member(*status, "audiences")) {
    NAVIGATOR_ASSIGN_OR_RETURN(result.audiences, StringList(*audiences, "status.audiences"));
  }
  NAVIGATOR_RETURN_IF_ERROR(ReadUser(*status, result.user));
  if (result.authenticated && result.user.name.empty()) {
    return BadRequest("status.user.username: an authenticated answer must name the user");
  }
  return result;
}

std::string RandomSalt() {
  std::string salt(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
      1) {
    std::random_device device;
    for (char& c : salt) c = static_cast<char>(device());
  }
  return salt;
}

}  // namespace

Result<TokenReviewResult> ParseTokenReviewResponse(std::string_view body) {
  NAVIGATOR_ASSIGN_OR_RETURN(
      bj::value document,
      internal::ParseJsonDocument(body, kMaxTokenReviewResponseBytes, "TokenReview answer"));
  Result<TokenReviewResult> result = ParseReview(document);
  if (!result.ok()) return BadRequest("TokenReview answer: " + result.status().message());
  return result;
}

std::string TokenReviewRequestBody(std::string_view token,
                                   const std::vector<std::string>& audiences) {
  std::string body =
      fmt::format(R"({{"apiVersion":"{}","kind":"{}","spec":{{"token":")", kApiVersion, kKind);
  // Escaped by hand, so that the token is copied only into `body`.
  for (const char ch : token) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      body += '\\';
      body += ch;
    } else if (c < 0x20) {
      body += fmt::format("\\u{:04x}", c);
    } else {
      body += ch;
    }
  }
  body += '"';
  if (!audiences.empty()) {
    body += ",\"audiences\":";
    body += bj::serialize(bj::value_from(audiences));
  }
  body += "}}";
  return body;
}

std::optional<std::string_view> BearerToken(std::string_view authorization) {
  const std::string_view auth = TrimSpace(authorization);
  if (auth.empty()) return std::nullopt;
  const std::size_t first_space = auth.find(' ');
  if (first_space == std::string_view::npos) return std::nullopt;  // fewer than two parts
  if (!EqualsIgnoreCase(auth.substr(0, first_space), "bearer")) return std::nullopt;
  std::string_view token = auth.substr(first_space + 1);
  token = token.substr(0, token.find(' '));  // a third part is ignored
  if (token.empty()) return std::nullopt;
  return token;
}

TokenReviewAuthenticator::TokenReviewAuthenticator(client::RestClient& client, const Clock& clock,
                                                   TokenReviewOptions options)
    : client_(client), clock_(clock), options_(std::move(options)), salt_(RandomSalt()) {}

TokenReviewAuthenticator::~TokenReviewAuthenticator() = default;

std::string TokenReviewAuthenticator::CacheKey(std::string_view token) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, salt_.data(), salt_.size()) == 1 &&
                  EVP_DigestUpdate(ctx, token.data(), token.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx, digest, &size) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return "";  // not cached
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::size_t TokenReviewAuthenticator::cache_size() const {
  std::lock_guard lock(mu_);
  return cache_.size();
}

std::optional<Result<std::optional<UserInfo>>> TokenReviewAuthenticator::Lookup(
    const std::string& key) const {
  if (key.empty()) return std::nullopt;
  const Clock::TimePoint now = clock_.Now();
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it == cache_.end()) return std::nullopt;
  if (now >= it->second.expires) {
    lru_.erase(it->second.lru);
    cache_.erase(it);
    return std::nullopt;
  }
  lru_.splice(lru_.end(), lru_, it->second.lru);
  if (!it->second.user) return Result<std::optional<UserInfo>>(Unauthorized(it->second.reason));
  return Result<std::optional<UserInfo>>(it->second.user);
}

void TokenReviewAuthenticator::Store(const std::string& key, std::optional<UserInfo> user,
                                     std::string reason, std::chrono::nanoseconds ttl) const {
  if (key.empty() || ttl <= std::chrono::nanoseconds::zero() || options_.max_cache_entries == 0) {
    return;
  }
  const Clock::TimePoint expires =
      clock_.Now() + std::chrono::duration_cast<Clock::TimePoint::duration>(ttl);
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    while (cache_.size() >= options_.max_cache_entries) {
      cache_.erase(lru_.front());
      lru_.pop_front();
    }
    lru_.push_back(key);
    it = cache_.emplace(key, Entry{.lru = std::prev(lru_.end())}).first;
  } else {
    lru_.splice(lru_.end(), lru_, it->second.lru);
  }
  it->second.expires = expires;
  it->second.user = std::move(user);
  it->second.reason = std::move(reason);
}

Result<std::optional<UserInfo>> TokenReviewAuthenticator::Review(std::string_view token,
                                                                 const std::string& key) const {
  if (!PlausibleToken(token)) {
    return Unauthorized("invalid bearer token: it has characters outside printable ASCII");
  }
  client::RestRequest request{.method = "POST",
                              .path = kTokenReviewPath,
                              .body = TokenReviewRequestBody(token, options_.audiences)};
  Result<std::string> answer = client_.Do(request);
  Wipe(request.body);
  if (!answer.ok()) {
    return Unauthorized("token review failed: " + answer.status().ToString());
  }
  Result<TokenReviewResult> review = ParseTokenReviewResponse(*answer);
  Wipe(*answer);  // kube-apiserver may echo the token in spec
  if (!review.ok()) return Unauthorized("token review failed: " + review.status().message());

  if (!review->authenticated) {
    if (!review->error.empty()) {
      // As Kubernetes: status.error makes the answer an error, which is not cached.
      return Unauthorized("invalid bearer token: " + Quoted(review->error));
    }
    std::string reason = "invalid bearer token";
    Store(key, std::nullopt, reason, options_.failure_cache_ttl);
    return Unauthorized(std::move(reason));
  }
  const std::vector<std::string>& wanted = options_.audiences;
  const std::vector<std::string>& got = review->audiences;
  if (!wanted.empty() && !got.empty() &&
      std::none_of(got.begin(), got.end(), [&](const std::string& audience) {
        return std::find(wanted.begin(), wanted.end(), audience) != wanted.end();
      })) {
    std::string reason =
        fmt::format("invalid bearer token: its audiences [{}] include none of [{}]",
                    Quoted(fmt::format("{}", fmt::join(got, ", "))), fmt::join(wanted, ", "));
    Store(key, std::nullopt, reason, options_.failure_cache_ttl);
    return Unauthorized(std::move(reason));
  }
  UserInfo user = std::move(review->user);
  Store(key, user, "", options_.cache_ttl);
  return std::optional<UserInfo>(std::move(user));
}

Result<std::optional<UserInfo>> TokenReviewAuthenticator::Authenticate(
    const http::Request& request) const {
  const std::optional<std::string_view> token = BearerToken(request.Header("Authorization"));
  if (!token) return std::optional<UserInfo>();
  const std::string key = CacheKey(*token);
  if (auto cached = Lookup(key)) return *std::move(cached);
  return Review(*token, key);
}

}  // namespace navigator::authn
