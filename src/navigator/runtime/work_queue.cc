#include "navigator/runtime/work_queue.h"

#include <algorithm>
#include <vector>

namespace navigator::runtime {
namespace {

// The delay thread re-reads the clock at least this often, so a clock that
// jumps (system_clock is wall time) delays a held key by at most this much.
constexpr std::chrono::seconds kMaxDelayWait{10};
// How often the unfinished-work gauges are refreshed, as client-go.
constexpr std::chrono::milliseconds kUnfinishedWorkPeriod{500};

const Clock& ClockOrSystem(const Clock* clock) {
  return clock != nullptr ? *clock : SystemClock::Instance();
}

}  // namespace

WorkQueue::WorkQueue(WorkQueueOptions options)
    : name_(std::move(options.name)),
      clock_(ClockOrSystem(options.clock)),
      rate_limiter_(options.rate_limiter != nullptr ? std::move(options.rate_limiter)
                                                    : DefaultControllerRateLimiter(clock_)),
      metrics_(options.registry, name_) {
  if (options.delay_driver == DelayDriver::kBackgroundThread) {
    delay_thread_ = std::thread([this] { DelayLoop(); });
  }
}

WorkQueue::~WorkQueue() {
  ShutDown();
  if (delay_thread_.joinable()) delay_thread_.join();
}

void WorkQueue::Add(const std::string& key) {
  std::lock_guard lock(mu_);
  if (shutting_down_) return;
  AddLocked(key, clock_.Now());
}

void WorkQueue::AddLocked(const std::string& key, TimePoint now) {
  if (dirty_.contains(key)) return;
  metrics_.Added(key, now);
  dirty_.insert(key);
  if (processing_.contains(key)) return;  // queued again by Done
  queue_.push_back(key);
  item_cv_.notify_one();
}

std::optional<std::string> WorkQueue::Get() {
  std::unique_lock lock(mu_);
  item_cv_.wait(lock, [&] { return !queue_.empty() || shutting_down_; });
  if (queue_.empty()) return std::nullopt;
  std::string key = std::move(queue_.front());
  queue_.pop_front();
  dirty_.erase(key);
  processing_.insert(key);
  metrics_.Started(key, clock_.Now());
  return key;
}

void WorkQueue::Done(const std::string& key) {
  std::lock_guard lock(mu_);
  if (processing_.erase(key) == 0) return;
  metrics_.Finished(key, clock_.Now());
  if (dirty_.contains(key)) {
    queue_.push_back(key);
    item_cv_.notify_one();
  } else if (processing_.empty()) {
    drain_cv_.notify_all();
  }
}

size_t WorkQueue::Len() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void WorkQueue::StartShutdownLocked(bool drain) {
  shutting_down_ = true;
  drain_ = drain;
  delayed_.Clear();
  item_cv_.notify_all();
  drain_cv_.notify_all();
  delay_cv_.notify_all();
}

void WorkQueue::ShutDown() {
  std::lock_guard lock(mu_);
  StartShutdownLocked(/*drain=*/false);
}

void WorkQueue::ShutDownWithDrain() {
  std::unique_lock lock(mu_);
  StartShutdownLocked(/*drain=*/true);
  drain_cv_.wait(lock, [&] { return processing_.empty() || !drain_; });
}

bool WorkQueue::ShuttingDown() const {
  std::lock_guard lock(mu_);
  return shutting_down_;
}

void WorkQueue::AddAfter(const std::string& key, std::chrono::nanoseconds delay) {
  std::lock_guard lock(mu_);
  if (shutting_down_) return;
  metrics_.Retried();
  const TimePoint now = clock_.Now();
  if (delay <= std::chrono::nanoseconds(0)) {
    AddLocked(key, now);
    return;
  }
  delayed_.Add(key, now + std::chrono::duration_cast<TimePoint::duration>(delay));
  delay_cv_.notify_one();
}

void WorkQueue::AddRateLimited(const std::string& key) {
  if (ShuttingDown()) return;  // do not count a failure that will not be retried
  AddAfter(key, rate_limiter_->When(key));
}

void WorkQueue::Forget(const std::string& key) {
  rate_limiter_->Forget(key);
}

int WorkQueue::NumRequeues(const std::string& key) const {
  return rate_limiter_->NumRequeues(key);
}

size_t WorkQueue::Tick() {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.Now();
  metrics_.UpdateUnfinishedWork(now);
  if (shutting_down_) return 0;
  return PromoteDueLocked(now);
}

size_t WorkQueue::PromoteDueLocked(TimePoint now) {
  std::vector<std::string> due = delayed_.PopReady(now);
  for (const std::string& key : due) AddLocked(key, now);
  return due.size();
}

size_t WorkQueue::NumDelayed() const {
  std::lock_guard lock(mu_);
  return delayed_.size();
}

std::optional<WorkQueue::TimePoint> WorkQueue::NextReadyAt() const {
  std::lock_guard lock(mu_);
  return delayed_.NextReadyAt();
}

void WorkQueue::DelayLoop() {
  std::unique_lock lock(mu_);
  while (!shutting_down_) {
    const TimePoint now = clock_.Now();
    PromoteDueLocked(now);
    metrics_.UpdateUnfinishedWork(now);
    std::chrono::nanoseconds wait = kMaxDelayWait;
    if (auto next = delayed_.NextReadyAt()) {
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::nanoseconds>(*next - now));
    }
    if (metrics_.enabled()) wait = std::min<std::chrono::nanoseconds>(wait, kUnfinishedWorkPeriod);
    // Woken early by AddAfter (maybe a new earliest key) and by shutdown.
    delay_cv_.wait_for(lock, wait);
  }
}

}  // namespace navigator::runtime
