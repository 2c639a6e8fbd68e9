#include "bench/apiserver/server_fill.h"

#include <fmt/format.h>

#include <atomic>
#include <boost/json/string.hpp>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "bench/apiserver/pilot_body.h"
#include "bench/apiserver/pilot_paths.h"
#include "bench/apiserver/status_of.h"
#include "navigator/client/watch_event.h"

namespace navigator::bench::loadgen {
namespace {

namespace json = boost::json;

std::string StringAt(const json::object& object, std::string_view a, std::string_view b) {
  const json::value* outer = object.if_contains(a);
  if (outer == nullptr || !outer->is_object()) return "";
  const json::value* inner = outer->as_object().if_contains(b);
  if (inner == nullptr || !inner->is_string()) return "";
  return std::string(inner->as_string());
}

std::string AnnotationOf(const json::object& item, std::string_view key) {
  const json::value* metadata = item.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return "";
  return StringAt(metadata->as_object(), "annotations", key);
}

Status CreateFilled(client::RestClient& rest, const std::string& namespace_,
                    const std::string& name, int64_t value_bytes) {
  client::RestRequest create{.method = "POST",
                             .path = PilotsPath(namespace_),
                             .body = PilotJson(namespace_, name, value_bytes)};
  Result<std::string> created = rest.Do(create);
  if (!created.ok()) return created.status();
  NAVIGATOR_ASSIGN_OR_RETURN(std::string with_status, WithPilotStatus(*created));
  client::RestRequest status{
      .method = "PUT", .path = PilotStatusPath(namespace_, name), .body = std::move(with_status)};
  return StatusOf(rest.Do(status));
}

}  // namespace

Status EnsureNamespace(client::RestClient& rest, const std::string& name) {
  const std::string body =
      fmt::format(R"({{"apiVersion":"v1","kind":"Namespace","metadata":{{"name":"{}"}}}})", name);
  Result<std::string> created =
      rest.Do({.method = "POST", .path = "/api/v1/namespaces", .body = body});
  if (created.ok()) return OkStatus();
  const StatusCode code = created.status().code();
  // 404 / 405: the server does not create namespaces (navigator-apiserver on
  // its own), so it needs none.
  if (code == StatusCode::kAlreadyExists || code == StatusCode::kNotFound ||
      code == StatusCode::kMethodNotAllowed) {
    return OkStatus();
  }
  return Status(code, fmt::format("creating namespace {}: {}", name, created.status().message()));
}

Status FillNamespace(client::RestClient& rest, const std::string& namespace_, int objects,
                     int64_t value_bytes, int writers, std::ostream& progress) {
  NAVIGATOR_RETURN_IF_ERROR(EnsureNamespace(rest, namespace_));
  Result<std::string> listed = rest.Do({.path = PilotsPath(namespace_)});
  if (!listed.ok()) {
    return Status(listed.status().code(),
                  fmt::format("listing Pilots in {}: {} (is navigator.jetstack.io/v1alpha1 "
                              "served? for kube-apiserver, are the CRDs applied?)",
                              namespace_, listed.status().message()));
  }
  Result<client::ListPage> page = client::ParseListPage(*listed);
  if (!page.ok()) return page.status();

  const std::string size = std::to_string(value_bytes);
  std::set<std::string> wanted;
  for (int i = 0; i < objects; ++i) wanted.insert(FilledName(i));
  int deleted = 0;
  for (const json::object& item : page->items) {
    const std::string name = StringAt(item, "metadata", "name");
    const json::value* status = item.if_contains("status");
    const bool has_status =
        status != nullptr && status->is_object() && status->as_object().contains("conditions");
    if (wanted.contains(name) && AnnotationOf(item, kValueBytesAnnotation) == size && has_status) {
      wanted.erase(name);
      continue;
    }
    Result<std::string> gone = rest.Do({.method = "DELETE", .path = PilotPath(namespace_, name)});
    if (!gone.ok() && gone.status().code() != StatusCode::kNotFound) return gone.status();
    ++deleted;
  }
  if (wanted.empty() && deleted == 0) return OkStatus();
  progress << fmt::format("preparing {}: {} objects of {} ({} to create, {} deleted)\n", namespace_,
                          objects,
                          value_bytes > 0 ? fmt::format("{} bytes", value_bytes) : "natural size",
                          wanted.size(), deleted)
           << std::flush;

  const std::vector<std::string> missing(wanted.begin(), wanted.end());
  std::atomic<size_t> next{0};
  std::mutex mu;
  Status first_error;
  std::vector<std::thread> threads;
  for (int w = 0; w < std::max(1, writers); ++w) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < missing.size(); i = next++) {
        Status s = CreateFilled(rest, namespace_, missing[i], value_bytes);
        if (s.ok()) continue;
        std::lock_guard lock(mu);
        if (first_error.ok()) {
          first_error = Status(
              s.code(), fmt::format("creating {}/{}: {}", namespace_, missing[i], s.message()));
        }
        next = missing.size();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return first_error;
}

}  // namespace navigator::bench::loadgen
