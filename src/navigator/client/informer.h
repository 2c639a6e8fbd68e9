#pragma once

// Informer: a Reflector, the ObjectStore it fills, and any number of event
// handlers (client-go's SharedIndexInformer, minus resync). Readers use
// store(); reactions go in handlers.
//
// Threading: thread-safe. Handlers run one at a time on the reflector's
// thread, after the store has the change; they must not call Stop() or
// AddEventHandler() (deliveries hold the handler lock). A
// handler added after the informer has synced first gets on_add for every
// stored object (on the caller's thread, serialised with the other
// deliveries).

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "navigator/client/object_store.h"
#include "navigator/client/reflector.h"

namespace navigator::client {

class Informer {
 public:
  // `client` (and the environment's members) must outlive the Informer.
  Informer(RestClient& client, ListWatchOptions options, ReflectorEnvironment environment = {});
  // Stops.
  ~Informer();

  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  void AddEventHandler(EventHandlers handlers);

  // See Reflector::Start and Reflector::Stop.
  void Start();
  void Stop();

  bool HasSynced() const;
  // Waits (real time) until the first list has been stored, or `timeout`;
  // returns HasSynced().
  bool WaitForSync(std::chrono::milliseconds timeout);
  std::string LastSyncResourceVersion() const;

  const ObjectStore& store() const { return store_; }

 private:
  void Dispatch(const std::function<void(const EventHandlers&)>& call);

  ObjectStore store_;
  std::mutex handlers_mu_;  // held while handlers run
  std::vector<EventHandlers> handlers_;
  std::unique_ptr<Reflector> reflector_;
};

}  // namespace navigator::client
