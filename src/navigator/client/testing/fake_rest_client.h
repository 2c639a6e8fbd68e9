#pragma once

// A scripted RestClient for unit tests of code that talks to Kubernetes:
// answers come from a handler the test sets, and every request is recorded.
// Tests against a real kube-apiserver use NewRestClient instead.
//
// Threading: thread-safe; the handlers run on the caller's thread.

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "navigator/client/rest_client.h"

namespace navigator::client::testing {

class FakeRestClient final : public RestClient {
 public:
  using DoHandler = std::function<Result<std::string>(const RestRequest&)>;
  // Feeds lines to `on_line` as the real Stream would; returns the stream's end.
  using StreamHandler =
      std::function<Status(std::string_view path, const std::function<bool(std::string_view)>&,
                           const std::atomic<bool>& cancel)>;

  void SetDoHandler(DoHandler handler) {
    std::lock_guard lock(mu_);
    do_handler_ = std::move(handler);
  }
  void SetStreamHandler(StreamHandler handler) {
    std::lock_guard lock(mu_);
    stream_handler_ = std::move(handler);
  }

  Result<std::string> Do(const RestRequest& request) override {
    DoHandler handler;
    {
      std::lock_guard lock(mu_);
      requests_.push_back(request);
      handler = do_handler_;
    }
    if (!handler) return Status(StatusCode::kServiceUnavailable, "fake: no Do handler");
    return handler(request);
  }

  Status Stream(std::string_view path, const std::function<bool(std::string_view)>& on_line,
                const std::atomic<bool>& cancel) override {
    StreamHandler handler;
    {
      std::lock_guard lock(mu_);
      requests_.push_back(RestRequest{.method = "GET", .path = std::string(path)});
      handler = stream_handler_;
    }
    if (!handler) return Status(StatusCode::kServiceUnavailable, "fake: no Stream handler");
    return handler(path, on_line, cancel);
  }

  // Every request so far (Stream calls as GETs), oldest first.
  std::vector<RestRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  mutable std::mutex mu_;
  DoHandler do_handler_;
  StreamHandler stream_handler_;
  std::vector<RestRequest> requests_;
};

}  // namespace navigator::client::testing
