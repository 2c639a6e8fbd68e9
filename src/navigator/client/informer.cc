#include "navigator/client/informer.h"

#include <utility>

namespace navigator::client {

namespace json = boost::json;

Informer::Informer(RestClient& client, ListWatchOptions options, ReflectorEnvironment environment) {
  EventHandlers fan_out{
      .on_add =
          [this](const json::object& object) {
            Dispatch([&](const EventHandlers& h) {
              if (h.on_add) h.on_add(object);
            });
          },
      .on_update =
          [this](const json::object& old_object, const json::object& object) {
            Dispatch([&](const EventHandlers& h) {
              if (h.on_update) h.on_update(old_object, object);
            });
          },
      .on_delete =
          [this](const json::object& object) {
            Dispatch([&](const EventHandlers& h) {
              if (h.on_delete) h.on_delete(object);
            });
          },
  };
  reflector_ = std::make_unique<Reflector>(client, store_, std::move(options), std::move(fan_out),
                                           environment);
}

Informer::~Informer() {
  Stop();
}

void Informer::Dispatch(const std::function<void(const EventHandlers&)>& call) {
  std::lock_guard lock(handlers_mu_);
  for (const EventHandlers& handlers : handlers_) call(handlers);
}

void Informer::AddEventHandler(EventHandlers handlers) {
  std::lock_guard lock(handlers_mu_);
  if (handlers.on_add) {
    for (const ObjectPtr& object : store_.List()) handlers.on_add(*object);
  }
  handlers_.push_back(std::move(handlers));
}

void Informer::Start() {
  reflector_->Start();
}

void Informer::Stop() {
  reflector_->Stop();
}

bool Informer::HasSynced() const {
  return reflector_->HasSynced();
}

bool Informer::WaitForSync(std::chrono::milliseconds timeout) {
  return reflector_->WaitForSync(timeout);
}

std::string Informer::LastSyncResourceVersion() const {
  return reflector_->LastSyncResourceVersion();
}

}  // namespace navigator::client
