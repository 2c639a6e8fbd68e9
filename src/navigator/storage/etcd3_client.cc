#include "navigator/storage/etcd3_client.h"

#include <fmt/format.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

namespace navigator::storage {
namespace {

using namespace std::chrono_literals;

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// True when an UNAVAILABLE failure happened before the request left the
// client: no connection could be made, so re-sending cannot apply it twice.
bool NeverSent(const grpc::Status& status) {
  const std::string& message = status.error_message();
  return Contains(message, "failed to connect to all addresses") ||
         Contains(message, "DNS resolution failed") || Contains(message, "Name resolution");
}

Result<std::string> ReadFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return BadRequest(fmt::format("etcd {} \"{}\" cannot be read", what, path));
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return BadRequest(fmt::format("etcd {} \"{}\" cannot be read", what, path));
  }
  return content.str();
}

struct ParsedEndpoint {
  bool tls = false;
  std::string target;  // host:port for gRPC
};

Result<ParsedEndpoint> ParseEndpoint(std::string_view url) {
  ParsedEndpoint parsed;
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    parsed.tls = true;
    rest = url.substr(8);
  } else {
    return BadRequest(fmt::format("etcd endpoint \"{}\" must start with http:// or https://", url));
  }
  while (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.empty() || Contains(rest, "/") || Contains(rest, "@") || Contains(rest, "?")) {
    return BadRequest(fmt::format("etcd endpoint \"{}\" must be scheme://host:port", url));
  }
  const size_t bracket = rest.rfind(']');
  const size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket) ||
      colon + 1 == rest.size()) {
    return BadRequest(fmt::format("etcd endpoint \"{}\" has no port", url));
  }
  parsed.target = std::string(rest);
  return parsed;
}

grpc::ChannelArguments ChannelArgs() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(std::numeric_limits<int>::max());
  // Detect dead connections under long-lived watch streams. etcd's default
  // --grpc-keepalive-min-time is 5s, so 30s never counts as abuse.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30'000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10'000);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  // Reconnect quickly after an etcd restart. (GRPC_ARG_MIN_RECONNECT_BACKOFF_MS
  // stays at its default: gRPC also uses it as the connect timeout.)
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1'000);
  // Channels of different storages do not share connections.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return args;
}

}  // namespace

Status StatusFromGrpc(const grpc::Status& status, std::string_view endpoint) {
  const std::string& message = status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return OkStatus();
    case grpc::StatusCode::UNAVAILABLE:
      return Unavailable(fmt::format("etcd at {} is unavailable: {}", endpoint, message));
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return Timeout(fmt::format("etcd at {} did not answer in time: {}", endpoint, message));
    case grpc::StatusCode::CANCELLED:
      return Unavailable(fmt::format("request to etcd at {} was cancelled: {}", endpoint, message));
    case grpc::StatusCode::OUT_OF_RANGE:
      if (Contains(message, "compacted")) {
        return Gone(fmt::format("required revision has been compacted (etcd at {}: {})", endpoint,
                                message));
      }
      if (Contains(message, "future revision")) {
        return BadRequest(fmt::format("required revision is a future revision (etcd at {}: {})",
                                      endpoint, message));
      }
      break;
    case grpc::StatusCode::INVALID_ARGUMENT:
      if (Contains(message, "too large")) {
        return Status(StatusCode::kRequestEntityTooLarge,
                      fmt::format("etcd at {} rejected the request: {}", endpoint, message));
      }
      return BadRequest(fmt::format("etcd at {} rejected the request: {}", endpoint, message));
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      if (Contains(message, "too many requests")) {
        return Status(StatusCode::kTooManyRequests,
                      fmt::format("etcd at {} is overloaded: {}", endpoint, message));
      }
      if (Contains(message, "larger than max")) {
        return Status(StatusCode::kRequestEntityTooLarge,
                      fmt::format("etcd at {} rejected the request: {}", endpoint, message));
      }
      break;
    default:
      break;
  }
  return Internal(fmt::format("etcd at {} failed (gRPC code {}): {}", endpoint,
                              static_cast<int>(status.error_code()), message));
}

Result<std::unique_ptr<Etcd3Client>> Etcd3Client::New(const Etcd3Options& options) {
  if (options.endpoints.empty()) return BadRequest("no etcd endpoint given");
  if (options.cert_file.empty() != options.key_file.empty()) {
    return BadRequest("an etcd client certificate needs both a certificate and a key file");
  }
  if (options.request_timeout <= 0ms) return BadRequest("etcd request timeout must be positive");

  grpc::SslCredentialsOptions ssl;
  if (!options.ca_file.empty()) {
    NAVIGATOR_ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadFile(options.ca_file, "CA file"));
  }
  if (!options.cert_file.empty()) {
    NAVIGATOR_ASSIGN_OR_RETURN(ssl.pem_cert_chain,
                               ReadFile(options.cert_file, "client certificate file"));
    NAVIGATOR_ASSIGN_OR_RETURN(ssl.pem_private_key, ReadFile(options.key_file, "client key file"));
  }

  std::vector<std::unique_ptr<Endpoint>> endpoints;
  for (const std::string& url : options.endpoints) {
    NAVIGATOR_ASSIGN_OR_RETURN(ParsedEndpoint parsed, ParseEndpoint(url));
    auto credentials = parsed.tls ? grpc::SslCredentials(ssl) : grpc::InsecureChannelCredentials();
    auto endpoint = std::make_unique<Endpoint>();
    endpoint->url = url;
    endpoint->channel = grpc::CreateCustomChannel(parsed.target, credentials, ChannelArgs());
    endpoint->kv = etcdserverpb::KV::NewStub(endpoint->channel);
    endpoint->watch = etcdserverpb::Watch::NewStub(endpoint->channel);
    endpoint->maintenance = etcdserverpb::Maintenance::NewStub(endpoint->channel);
    endpoints.push_back(std::move(endpoint));
  }
  return std::unique_ptr<Etcd3Client>(new Etcd3Client(options, std::move(endpoints)));
}

void Etcd3Client::MoveAwayFrom(size_t failed) {
  size_t expected = failed;
  preferred_.compare_exchange_strong(expected, (failed + 1) % endpoints_.size());
}

template <typename Response, typename Invoke>
Result<Response> Etcd3Client::Call(bool idempotent, std::chrono::milliseconds timeout,
                                   const Invoke& invoke) {
  const auto deadline = std::chrono::system_clock::now() + timeout;
  const size_t count = endpoints_.size();
  std::chrono::milliseconds backoff = 25ms;
  for (size_t round = 0;; ++round) {
    std::string failures;
    size_t first = preferred_.load();
    for (size_t attempt = 0; attempt < count; ++attempt) {
      const size_t index = (first + attempt) % count;
      Endpoint& endpoint = *endpoints_[index];
      grpc::ClientContext context;
      context.set_deadline(deadline);
      Response response;
      const grpc::Status status = invoke(endpoint, &context, &response);
      if (status.ok()) {
        if (index != first) preferred_.compare_exchange_strong(first, index);
        return response;
      }
      if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
        MoveAwayFrom(index);
        return Timeout(
            fmt::format("etcd at {} did not answer within {}ms", endpoint.url, timeout.count()));
      }
      if (status.error_code() != grpc::StatusCode::UNAVAILABLE) {
        return StatusFromGrpc(status, endpoint.url);
      }
      MoveAwayFrom(index);
      if (!idempotent && !NeverSent(status)) return StatusFromGrpc(status, endpoint.url);
      if (!failures.empty()) failures += "; ";
      failures += fmt::format("{}: {}", endpoint.url, status.error_message());
    }
    // No endpoint could be reached: wait for one to come back, within the
    // request's deadline. Waiting on a channel's state (rather than sleeping)
    // also drives its reconnect attempt, which nothing else polls for.
    const auto wake = std::chrono::system_clock::now() + backoff;
    if (wake >= deadline) {
      return Unavailable(fmt::format("etcd is unavailable ({})", failures));
    }
    grpc::Channel& channel = *endpoints_[(first + round) % count]->channel;
    const grpc_connectivity_state state = channel.GetState(true);
    if (state == GRPC_CHANNEL_READY || !channel.WaitForStateChange(state, wake)) {
      std::this_thread::sleep_until(wake);
    }
    backoff = std::min(backoff * 2, std::chrono::milliseconds(500));
  }
}

Result<etcdserverpb::RangeResponse> Etcd3Client::Range(const etcdserverpb::RangeRequest& request) {
  return Call<etcdserverpb::RangeResponse>(
      true, options_.request_timeout,
      [&](Endpoint& e, grpc::ClientContext* c, etcdserverpb::RangeResponse* r) {
        return e.kv->Range(c, request, r);
      });
}

Result<etcdserverpb::StatusResponse> Etcd3Client::MemberStatus(std::chrono::milliseconds timeout) {
  return Call<etcdserverpb::StatusResponse>(
      true, timeout, [](Endpoint& e, grpc::ClientContext* c, etcdserverpb::StatusResponse* r) {
        return e.maintenance->Status(c, etcdserverpb::StatusRequest(), r);
      });
}

Result<etcdserverpb::TxnResponse> Etcd3Client::Txn(const etcdserverpb::TxnRequest& request) {
  return Call<etcdserverpb::TxnResponse>(
      false, options_.request_timeout,
      [&](Endpoint& e, grpc::ClientContext* c, etcdserverpb::TxnResponse* r) {
        return e.kv->Txn(c, request, r);
      });
}

Result<etcdserverpb::CompactionResponse> Etcd3Client::Compact(
    const etcdserverpb::CompactionRequest& request) {
  return Call<etcdserverpb::CompactionResponse>(
      false, options_.request_timeout,
      [&](Endpoint& e, grpc::ClientContext* c, etcdserverpb::CompactionResponse* r) {
        return e.kv->Compact(c, request, r);
      });
}

}  // namespace navigator::storage
