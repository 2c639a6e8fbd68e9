#include "bench/apiserver/server_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <unordered_map>
#include <vector>

#include "bench/apiserver/pilot_body.h"
#include "bench/apiserver/pilot_paths.h"
#include "bench/apiserver/pool_cursor.h"
#include "bench/apiserver/server_fill.h"
#include "bench/apiserver/status_of.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/watch_event.h"

namespace navigator::bench::loadgen {
namespace {

using Clock = std::chrono::steady_clock;
using Kind = OpOutcome::Kind;

constexpr int kFillWriters = 8;

class ServerWorker final : public Worker {
 public:
  ServerWorker(const ServerTargetOptions& options, std::unique_ptr<client::RestClient> rest,
               int index, int clients, int pool_size, int serial)
      : options_(options), rest_(std::move(rest)), pool_(index, clients, pool_size, serial) {}

  Status Connect() override {
    return StatusOf(
        rest_->Do({.path = PilotsPath(PoolNamespace(options_.namespace_)) + "?limit=1"}));
  }

  OpOutcome Do(OpKind op) override {
    switch (op) {
      case OpKind::kCreate:
        return Create();
      case OpKind::kGet:
        return Get();
      case OpKind::kUpdate:
      case OpKind::kUpdateStatus:
        return Update(op == OpKind::kUpdateStatus);
      case OpKind::kList100:
      case OpKind::kList1000:
        return List(ListSize(op));
      default:
        return OpOutcome::Failed(Internal(fmt::format("{} is not a single op", OpName(op))));
    }
  }

 private:
  OpOutcome Timed(const client::RestRequest& request, std::string* body = nullptr) {
    const Clock::time_point start = Clock::now();
    Result<std::string> answer = rest_->Do(request);
    const int64_t nanoseconds = NanosecondsSince(start);
    if (!answer.ok()) return OpOutcome::Failed(answer.status());
    if (body != nullptr) *body = std::move(answer).value();
    return OpOutcome{Kind::kOk, nanoseconds, OkStatus()};
  }

  OpOutcome Create() {
    const std::string ns = CreateNamespace(options_.namespace_);
    const std::string name = pool_.NextCreateName(options_.run_id);
    return Timed({.method = "POST",
                  .path = PilotsPath(ns),
                  .body = PilotJson(ns, name, options_.value_bytes)});
  }

  OpOutcome Get() {
    const int object = pool_.NextRead();
    return Timed({.path = PilotPath(PoolNamespace(options_.namespace_), FilledName(object))});
  }

  OpOutcome Update(bool status) {
    const std::string ns = PoolNamespace(options_.namespace_);
    const int object = pool_.NextOwned();
    const int64_t sequence = pool_.updates();
    const std::string name = FilledName(object);
    auto cached = seen_.find(object);
    if (cached == seen_.end()) {
      Result<std::string> read = rest_->Do({.path = PilotPath(ns, name)});
      if (!read.ok()) return OpOutcome::Failed(read.status());
      cached = seen_.emplace(object, std::move(read).value()).first;
    }
    Result<std::string> body = status ? EditForStatusUpdate(cached->second, sequence)
                                      : EditForUpdate(cached->second, sequence);
    if (!body.ok()) {
      seen_.erase(cached);
      return OpOutcome::Failed(body.status());
    }
    std::string answer;
    OpOutcome outcome = Timed({.method = "PUT",
                               .path = status ? PilotStatusPath(ns, name) : PilotPath(ns, name),
                               .body = std::move(body).value()},
                              &answer);
    if (outcome.kind == Kind::kOk) {
      cached->second = std::move(answer);
    } else {
      seen_.erase(cached);  // read it again before the next PUT
    }
    return outcome;
  }

  OpOutcome List(int objects) {
    std::string body;
    OpOutcome outcome =
        Timed({.path = PilotsPath(ListNamespace(options_.namespace_, objects))}, &body);
    if (outcome.kind != Kind::kOk || !options_.verify) return outcome;
    Result<client::ListPage> page = client::ParseListPage(body);
    if (!page.ok()) return OpOutcome::Failed(page.status());
    if (page->items.size() != static_cast<size_t>(objects)) {
      return OpOutcome::Failed(
          Internal(fmt::format("list of {} returned {} items",
                               ListNamespace(options_.namespace_, objects), page->items.size())));
    }
    return outcome;
  }

  const ServerTargetOptions& options_;
  const std::unique_ptr<client::RestClient> rest_;
  PoolCursor pool_;
  // Pool index -> the object as this client last saw it.
  std::unordered_map<int, std::string> seen_;
};

class ServerTarget final : public Target {
 public:
  ServerTarget(ServerTargetOptions options, std::unique_ptr<client::RestClient> admin)
      : options_(std::move(options)), admin_(std::move(admin)) {}

  Status Prepare(OpKind op, int clients) override {
    switch (op) {
      case OpKind::kCreate:
        return EnsureNamespace(*admin_, CreateNamespace(options_.namespace_));
      case OpKind::kGet:
      case OpKind::kUpdate:
      case OpKind::kUpdateStatus:
        return FillPool(clients);
      case OpKind::kList100:
      case OpKind::kList1000:
        return FillNamespace(*admin_, ListNamespace(options_.namespace_, ListSize(op)),
                             ListSize(op), options_.value_bytes, kFillWriters, *options_.progress);
      case OpKind::kMixed:
        NAVIGATOR_RETURN_IF_ERROR(Prepare(OpKind::kCreate, clients));
        NAVIGATOR_RETURN_IF_ERROR(Prepare(OpKind::kGet, clients));
        return Prepare(OpKind::kList100, clients);
      case OpKind::kWatch:
        return EnsureNamespace(*admin_, WatchNamespace(options_.namespace_));
    }
    return OkStatus();
  }

  Result<std::unique_ptr<Worker>> NewWorker(int index, int clients) override {
    NAVIGATOR_ASSIGN_OR_RETURN(std::unique_ptr<client::RestClient> rest,
                               client::NewRestClient(options_.rest));
    return std::unique_ptr<Worker>(new ServerWorker(options_, std::move(rest), index, clients,
                                                    PoolSize(clients), next_serial_++));
  }

  int64_t value_bytes() const override {
    return static_cast<int64_t>(
        PilotJson(CreateNamespace(options_.namespace_), "c-0-0-0", options_.value_bytes).size());
  }

 private:
  int PoolSize(int clients) const { return std::max(options_.pool_objects, clients); }

  Status FillPool(int clients) {
    return FillNamespace(*admin_, PoolNamespace(options_.namespace_), PoolSize(clients),
                         options_.value_bytes, kFillWriters, *options_.progress);
  }

  const ServerTargetOptions options_;
  std::atomic<int> next_serial_{0};
  const std::unique_ptr<client::RestClient> admin_;  // preparation only
};

}  // namespace

Result<std::unique_ptr<Target>> NewServerTarget(ServerTargetOptions options) {
  NAVIGATOR_ASSIGN_OR_RETURN(std::unique_ptr<client::RestClient> admin,
                             client::NewRestClient(options.rest));
  return std::unique_ptr<Target>(new ServerTarget(std::move(options), std::move(admin)));
}

}  // namespace navigator::bench::loadgen
