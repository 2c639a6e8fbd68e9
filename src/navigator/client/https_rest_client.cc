// NewRestClient: RestClient over HTTPS/1.1 with a small pool of keep-alive
// connections (HttpsConnection), synchronous per call.

#include <fmt/format.h>

#include <boost/beast/http.hpp>
#include <mutex>
#include <vector>

#include "navigator/client/https_connection.h"
#include "navigator/client/response_status.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/server_url.h"
#include "navigator/client/tls_config.h"
#include "navigator/client/token_source.h"

namespace navigator::client {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

constexpr std::size_t kMaxIdleConnections = 8;
constexpr std::size_t kMaxHeaderBytes = 1024 * 1024;
constexpr std::uint64_t kMaxBodyBytes = 64ull * 1024 * 1024;
// An error body of a Stream is read up to this size.
constexpr std::size_t kMaxStreamErrorBytes = 1024 * 1024;
constexpr std::size_t kMaxLineBytes = 16 * 1024 * 1024;

bool Idempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
         method == "OPTIONS";
}

int RetryAfter(const bhttp::fields& fields) {
  const auto it = fields.find(bhttp::field::retry_after);
  if (it == fields.end()) return 0;
  int value = 0;
  for (const char c : it->value()) {
    if (c < '0' || c > '9' || value > 1'000'000) return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

class HttpsRestClient final : public RestClient {
 public:
  HttpsRestClient(RestConfig config, ServerUrl url, std::shared_ptr<asio::ssl::context> tls,
                  TokenSource tokens)
      : config_(std::move(config)),
        url_(std::move(url)),
        tls_(std::move(tls)),
        tokens_(std::move(tokens)) {}

  Result<std::string> Do(const RestRequest& request) override;
  Status Stream(std::string_view path, const std::function<bool(std::string_view line)>& on_line,
                const std::atomic<bool>& cancel) override;

 private:
  bhttp::request<bhttp::string_body> BuildRequest(const std::string& method, std::string_view path,
                                                  const std::string& body,
                                                  const std::string& content_type,
                                                  const std::string& accept);

  // An idle pooled connection that still looks alive, or null.
  std::unique_ptr<HttpsConnection> TakeIdle();
  void ReturnIdle(std::unique_ptr<HttpsConnection> conn);

  // The error for a failed exchange on an open connection.
  Status ExchangeError(std::string_view step, const error_code& ec) const;

  const RestConfig config_;
  const ServerUrl url_;
  const std::shared_ptr<asio::ssl::context> tls_;
  TokenSource tokens_;

  std::mutex mu_;
  std::vector<std::unique_ptr<HttpsConnection>> idle_;  // guarded by mu_
};

bhttp::request<bhttp::string_body> HttpsRestClient::BuildRequest(const std::string& method,
                                                                 std::string_view path,
                                                                 const std::string& body,
                                                                 const std::string& content_type,
                                                                 const std::string& accept) {
  bhttp::request<bhttp::string_body> request;
  request.version(11);
  request.method_string(method);
  request.target(url_.path_prefix + std::string(path));
  request.set(bhttp::field::host, url_.HostHeader());
  request.set(bhttp::field::user_agent, config_.user_agent);
  request.set(bhttp::field::accept, accept.empty() ? std::string("application/json") : accept);
  const std::string token = tokens_.Token();
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.set(bhttp::field::content_type, content_type);
    request.body() = body;
  }
  request.keep_alive(true);
  request.prepare_payload();
  return request;
}

std::unique_ptr<HttpsConnection> HttpsRestClient::TakeIdle() {
  std::lock_guard lock(mu_);
  while (!idle_.empty()) {
    std::unique_ptr<HttpsConnection> conn = std::move(idle_.back());
    idle_.pop_back();
    if (conn->LooksAlive()) return conn;
  }
  return nullptr;
}

void HttpsRestClient::ReturnIdle(std::unique_ptr<HttpsConnection> conn) {
  std::lock_guard lock(mu_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(conn));
}

Status HttpsRestClient::ExchangeError(std::string_view step, const error_code& ec) const {
  if (ec == beast::error::timeout) {
    return Timeout(fmt::format("{} did not answer within {} ms ({})", url_.Origin(),
                               config_.timeout.count(), step));
  }
  if (ec == bhttp::error::body_limit) {
    return Internal(
        fmt::format("the answer of {} is over {} MiB", url_.Origin(), kMaxBodyBytes >> 20));
  }
  if (ec == bhttp::error::header_limit) {
    return Internal(fmt::format("the answer of {} has over {} KiB of headers", url_.Origin(),
                                kMaxHeaderBytes >> 10));
  }
  return Unavailable(fmt::format("cannot reach {}: {}: {}", url_.Origin(), step, ec.message()));
}

Result<std::string> HttpsRestClient::Do(const RestRequest& request) {
  const Deadline deadline = std::chrono::steady_clock::now() + config_.timeout;
  auto message = BuildRequest(request.method, request.path, request.body, request.content_type,
                              request.accept);
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<HttpsConnection> conn = attempt == 0 ? TakeIdle() : nullptr;
    const bool reused = conn != nullptr;
    if (!conn) {
      NAVIGATOR_ASSIGN_OR_RETURN(conn,
                                 HttpsConnection::Open(*tls_, config_, url_, deadline, nullptr));
    }
    error_code ec = conn->Run(deadline, nullptr, [&](auto handler) {
      bhttp::async_write(conn->stream(), message, handler);
    });
    const bool wrote = !ec;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(kMaxHeaderBytes);
    parser.body_limit(kMaxBodyBytes);
    parser.skip(request.method == "HEAD");
    if (!ec) {
      ec = conn->Run(deadline, nullptr, [&](auto handler) {
        bhttp::async_read(conn->stream(), conn->buffer(), parser, handler);
      });
    }
    if (ec) {
      // A pooled connection the server closed meanwhile: once more on a fresh
      // one, when the request cannot have been acted on twice.
      const bool stale = reused && !parser.got_some() && ec != beast::error::timeout;
      if (stale && attempt == 0 && (Idempotent(request.method) || !wrote)) continue;
      return ExchangeError(wrote ? "reading the answer" : "sending the request", ec);
    }
    auto response = parser.release();
    const bool keep = response.keep_alive();
    if (keep) ReturnIdle(std::move(conn));
    const unsigned status = response.result_int();
    if (status >= 200 && status <= 299) return std::move(response.body());
    return StatusFromResponse(static_cast<int>(status), response.body(), url_.Origin(),
                              RetryAfter(response.base()));
  }
}

Status HttpsRestClient::Stream(std::string_view path,
                               const std::function<bool(std::string_view line)>& on_line,
                               const std::atomic<bool>& cancel) {
  const Deadline header_deadline = std::chrono::steady_clock::now() + config_.timeout;
  auto message = BuildRequest("GET", path, {}, {}, "application/json");
  std::unique_ptr<HttpsConnection> conn;
  std::optional<bhttp::response_parser<bhttp::buffer_body>> parser;
  for (int attempt = 0;; ++attempt) {
    conn = attempt == 0 ? TakeIdle() : nullptr;
    const bool reused = conn != nullptr;
    if (!conn) {
      auto opened = HttpsConnection::Open(*tls_, config_, url_, header_deadline, &cancel);
      if (cancel.load()) return OkStatus();
      if (!opened.ok()) return std::move(opened).status();
      conn = std::move(*opened);
    }
    error_code ec = conn->Run(header_deadline, &cancel, [&](auto handler) {
      bhttp::async_write(conn->stream(), message, handler);
    });
    parser.emplace();
    parser->header_limit(kMaxHeaderBytes);
    parser->body_limit(boost::none);
    if (!ec) {
      ec = conn->Run(header_deadline, &cancel, [&](auto handler) {
        bhttp::async_read_header(conn->stream(), conn->buffer(), *parser, handler);
      });
    }
    if (ec == asio::error::operation_aborted && cancel.load()) return OkStatus();
    if (!ec) break;
    if (reused && !parser->got_some() && ec != beast::error::timeout && attempt == 0) continue;
    return ExchangeError("reading the answer", ec);
  }

  // Reads the next piece of the body into `piece`; `ok` false once the
  // body ended.
  char scratch[64 * 1024];
  auto read_some = [&](Deadline deadline, std::string_view& piece) -> error_code {
    parser->get().body().data = scratch;
    parser->get().body().size = sizeof scratch;
    error_code ec = conn->Run(deadline, &cancel, [&](auto handler) {
      bhttp::async_read_some(conn->stream(), conn->buffer(), *parser, handler);
    });
    if (ec == bhttp::error::need_buffer) ec = {};
    piece = std::string_view(scratch, sizeof scratch - parser->get().body().size);
    return ec;
  };

  const unsigned status = parser->get().result_int();
  if (status < 200 || status > 299) {
    std::string body;
    while (!parser->is_done() && body.size() < kMaxStreamErrorBytes) {
      std::string_view piece;
      const error_code ec = read_some(header_deadline, piece);
      body.append(piece);
      if (ec == asio::error::operation_aborted && cancel.load()) return OkStatus();
      if (ec) break;  // decode what arrived
    }
    return StatusFromResponse(static_cast<int>(status), body, url_.Origin(),
                              RetryAfter(parser->get().base()));
  }

  // Watch events are one JSON document per line; blank lines carry nothing
  // and are skipped.
  std::string pending;
  auto deliver = [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line.empty() || on_line(line);
  };
  while (!parser->is_done()) {
    std::string_view piece;
    const error_code ec = read_some(std::nullopt, piece);
    while (!piece.empty()) {
      const std::size_t newline = piece.find('\n');
      if (newline == std::string_view::npos) {
        pending.append(piece);
        break;
      }
      bool more;
      if (pending.empty()) {
        more = deliver(piece.substr(0, newline));
      } else {
        pending.append(piece.substr(0, newline));
        more = deliver(pending);
        pending.clear();
      }
      if (!more) return OkStatus();
      piece.remove_prefix(newline + 1);
    }
    if (pending.size() > kMaxLineBytes) {
      return Internal(fmt::format("a line of the stream from {} is over {} MiB", url_.Origin(),
                                  kMaxLineBytes >> 20));
    }
    if (ec == asio::error::operation_aborted && cancel.load()) return OkStatus();
    if (ec) {
      return Unavailable(fmt::format("the stream from {} broke: {}", url_.Origin(), ec.message()));
    }
  }
  if (!pending.empty() && !deliver(pending)) return OkStatus();
  if (parser->get().keep_alive()) ReturnIdle(std::move(conn));
  return OkStatus();
}

}  // namespace

Result<std::unique_ptr<RestClient>> NewRestClient(RestConfig config) {
  NAVIGATOR_ASSIGN_OR_RETURN(ServerUrl url, ParseServerUrl(config.server));
  if (config.timeout <= std::chrono::milliseconds::zero()) {
    return BadRequest("the timeout must be positive");
  }
  NAVIGATOR_ASSIGN_OR_RETURN(auto tls, NewTlsContext(config));
  NAVIGATOR_ASSIGN_OR_RETURN(TokenSource tokens,
                             TokenSource::Create(config.bearer_token, config.bearer_token_file));
  return std::unique_ptr<RestClient>(
      new HttpsRestClient(std::move(config), std::move(url), std::move(tls), std::move(tokens)));
}

}  // namespace navigator::client
