#include "navigator/http/request.h"

#include <algorithm>

namespace navigator::http {
namespace {

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

const std::string* Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

struct ChunkSink::WakeState {
  std::mutex mu;
  std::function<void()> on_wake;  // guarded by mu
  bool woken = false;             // guarded by mu
};

ChunkSink::ChunkSink() : wake_(std::make_shared<WakeState>()) {}

void ChunkSink::Wake(WakeState& state) {
  std::function<void()> on_wake;
  {
    std::lock_guard lock(state.mu);
    state.woken = true;
    on_wake = state.on_wake;
  }
  if (on_wake) on_wake();
}

bool ChunkSink::Write(std::string data) {
  if (closed()) return false;
  if (data.empty()) return true;
  {
    std::lock_guard lock(mu_);
    pending_.push_back(std::move(data));
  }
  Wake(*wake_);
  return true;
}

void ChunkSink::Close() {
  closed_.store(true, std::memory_order_release);
  Wake(*wake_);
}

std::function<void()> ChunkSink::Waker() const {
  return [weak = std::weak_ptr<WakeState>(wake_)] {
    if (auto state = weak.lock()) Wake(*state);
  };
}

std::vector<std::string> ChunkSink::TakePending() {
  std::lock_guard lock(mu_);
  return std::exchange(pending_, {});
}

void ChunkSink::SetWakeHandler(std::function<void()> on_wake) {
  std::lock_guard lock(wake_->mu);
  wake_->on_wake = std::move(on_wake);
}

bool ChunkSink::TakeWake() {
  std::lock_guard lock(wake_->mu);
  return std::exchange(wake_->woken, false);
}

}  // namespace navigator::http
