#pragma once

// Reflector: keeps an ObjectStore equal to one collection on a Kubernetes API
// server, with client-go's reflector semantics:
//
// - List the collection (consistent read, pages of `page_size` followed by
//   their `continue` token) and Replace the store with it; the difference to
//   the previous content goes to the handlers as adds, updates and deletes.
// - Watch from the list's resourceVersion with allowWatchBookmarks=true and a
//   server-side timeoutSeconds drawn uniformly from [5, 10) minutes. Every
//   event updates the store, advances the last seen resourceVersion and goes
//   to the handlers; bookmarks only advance the resourceVersion.
// - When a watch ends (timeout, server closed it) watch again from the last
//   seen resourceVersion. A watch that ended cleanly but delivered nothing
//   within a second counts as a failure (the server is not really watching).
// - On 410 Gone, as the HTTP answer or as an in-stream ERROR event, the
//   resourceVersion is too old: list again and diff.
// - Any other failure (list or watch request, broken stream, malformed line,
//   unknown event type, ERROR event) is logged and retried after a Backoff
//   (800ms doubling to 30s, jittered): a failed list lists again, a failed
//   watch watches again from the last seen resourceVersion (a 410 then tells
//   it to list). Re-lists after the first are paced by the same Backoff, so
//   no failure mode makes the loop spin.
//
// Threading: Start() runs the loop on a thread of its own; handlers are called
// on it, one at a time, after the store has been updated (so a handler sees
// the store with its event applied). Start, Stop and the accessors are
// thread-safe; Stop must not be called from a handler.

#include <atomic>
#include <boost/json/object.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/base/result.h"
#include "navigator/client/backoff.h"
#include "navigator/client/object_store.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/sleeper.h"

namespace navigator::client {

// What to list and watch.
struct ListWatchOptions {
  // The collection's path, e.g. "/api/v1/namespaces" or
  // "/api/v1/namespaces/kube-system/configmaps". No query.
  std::string path;
  // Selectors in Kubernetes' text form ("app=x,tier!=db",
  // "metadata.name=extension-apiserver-authentication"); empty: none. They
  // are percent-encoded here.
  std::string label_selector;
  std::string field_selector;
  // Items per list page (the `limit` parameter); 0 lists in one answer.
  int page_size = 500;
};

// Callbacks for changes of the store; an empty function is skipped.
// `on_delete` gets the object's last state (from the DELETED event, or the
// last stored one when a re-list found it gone).
struct EventHandlers {
  std::function<void(const boost::json::object& object)> on_add;
  std::function<void(const boost::json::object& old_object, const boost::json::object& object)>
      on_update;
  std::function<void(const boost::json::object& object)> on_delete;
};

// Injected time, randomness and waiting; null members use the real ones.
struct ReflectorEnvironment {
  const Clock* clock = nullptr;
  Random* random = nullptr;
  Sleeper* sleeper = nullptr;
  BackoffOptions backoff;
};

class Reflector {
 public:
  // `client` and `store` (and the environment's members) must outlive the
  // Reflector. `handlers` may be empty.
  Reflector(RestClient& client, ObjectStore& store, ListWatchOptions options,
            EventHandlers handlers = {}, ReflectorEnvironment environment = {});
  // Stops (see Stop).
  ~Reflector();

  Reflector(const Reflector&) = delete;
  Reflector& operator=(const Reflector&) = delete;

  // Starts the list-and-watch loop. Once only: a stopped Reflector stays stopped.
  void Start();
  // Cancels a running watch (RestClient::Stream returns within about a
  // second) or backoff wait, and joins the thread. A list request in flight
  // is not cancelled: Stop waits for it (bounded by the client's timeout).
  // Idempotent.
  void Stop();

  // True once the first list has been stored.
  bool HasSynced() const { return synced_.load(); }
  // Waits (real time) until HasSynced() or `timeout`; returns HasSynced().
  bool WaitForSync(std::chrono::milliseconds timeout);

  // The resourceVersion the next watch would start from ("" before the first
  // list): the list's, advanced by every event and bookmark since.
  std::string LastSyncResourceVersion() const;

 private:
  enum class Next { kWatch, kList, kStop };

  void Run();
  // Lists every page and replaces the store. OK or the failure.
  Status ListAndReplace();
  // One watch from last_rv_: what to do after it.
  Next WatchOnce();
  // Applies one line of a watch stream; a non-OK Status ends the stream.
  Status HandleLine(std::string_view line, bool& gone);
  // Backs off; false when stopped meanwhile.
  bool BackOff(const Status& why);
  std::string SelectorQuery() const;
  void SetLastRv(std::string rv);

  RestClient& client_;
  ObjectStore& store_;
  const ListWatchOptions options_;
  const EventHandlers handlers_;

  std::unique_ptr<DefaultRandom> owned_random_;
  const Clock& clock_;
  Random& random_;
  Sleeper& sleeper_;
  Backoff backoff_;  // the loop thread's

  StopSignal stop_;
  std::mutex mu_;  // guards thread_ and started_ (Start/Stop)
  std::thread thread_;
  bool started_ = false;

  std::atomic<bool> synced_{false};
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;

  mutable std::mutex rv_mu_;
  std::string last_rv_;
  size_t events_in_stream_ = 0;  // the loop thread's
};

// Percent-encodes `text` for a URL query value (RFC 3986 unreserved kept).
std::string QueryEscape(std::string_view text);

}  // namespace navigator::client
