// navigator::client::ParseWatchEvent and ParseListPage (a watch stream's
// lines and a list's body, as a Reflector reads them from kube-apiserver).
//
// Properties: every rejection is kBadRequest with a message; an accepted
// ADDED/MODIFIED/DELETED event has an object with a store key and a
// resourceVersion, so ObjectStore takes it; a BOOKMARK has a resourceVersion;
// an ERROR event carries a non-OK Status. An accepted list page has a
// resourceVersion, and ObjectStore::Replace of its items either succeeds with
// every item added or fails with kBadRequest leaving the store unchanged.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/client/object_store.h"
#include "navigator/client/watch_event.h"

using navigator::StatusCode;
using navigator::fuzz::Printable;
namespace client = navigator::client;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);

  auto event = client::ParseWatchEvent(text);
  if (!event.ok()) {
    FUZZ_CHECK(
        event.status().code() == StatusCode::kBadRequest && !event.status().message().empty(),
        event.status().ToString());
  } else if (event->type == client::WatchEventType::kError) {
    FUZZ_CHECK(!event->error.ok(), "ERROR event with an OK status: " + Printable(text));
  } else {
    FUZZ_CHECK(!client::ObjectResourceVersion(event->object).empty(),
               "event without resourceVersion: " + Printable(text));
    if (event->type != client::WatchEventType::kBookmark) {
      client::ObjectStore store;
      auto added = store.Add(event->object);
      FUZZ_CHECK(added.ok() && store.size() == 1, "store refused " + Printable(text));
      auto deleted = store.Delete(event->object);
      FUZZ_CHECK(deleted.ok() && *deleted != nullptr && store.size() == 0,
                 "delete failed for " + Printable(text));
    }
  }

  auto page = client::ParseListPage(text);
  if (!page.ok()) {
    FUZZ_CHECK(page.status().code() == StatusCode::kBadRequest && !page.status().message().empty(),
               page.status().ToString());
    return 0;
  }
  client::ObjectStore store;
  const std::string rv = page->resource_version;
  auto replaced = store.Replace(page->items, rv);
  if (!replaced.ok()) {
    FUZZ_CHECK(replaced.status().code() == StatusCode::kBadRequest && store.size() == 0 &&
                   store.resource_version().empty(),
               "a failed Replace changed the store: " + Printable(text));
  } else {
    FUZZ_CHECK(store.resource_version() == rv && replaced->added.size() == store.size() &&
                   store.size() <= page->items.size(),
               "Replace did not store the page: " + Printable(text));
  }
  return 0;
}
