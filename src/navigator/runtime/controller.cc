#include "navigator/runtime/controller.h"

#include <spdlog/spdlog.h>

namespace navigator::runtime {
namespace {

std::string_view StringField(const boost::json::object& object, std::string_view name) {
  const auto* v = object.if_contains(name);
  return v != nullptr && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

}  // namespace

std::string ControllerOwnerKey(const boost::json::object& object, std::string_view owner_kind) {
  const auto* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return "";
  const auto* refs = metadata->as_object().if_contains("ownerReferences");
  if (refs == nullptr || !refs->is_array()) return "";
  for (const auto& ref : refs->as_array()) {
    if (!ref.is_object()) continue;
    const auto& r = ref.as_object();
    const auto* controller = r.if_contains("controller");
    if (controller == nullptr || !controller->is_bool() || !controller->as_bool()) continue;
    if (StringField(r, "kind") != owner_kind) continue;
    std::string_view name = StringField(r, "name");
    if (name.empty()) return "";
    std::string_view ns = StringField(metadata->as_object(), "namespace");
    return ns.empty() ? std::string(name) : fmt::format("{}/{}", ns, name);
  }
  return "";
}

Controller::Controller(client::Informer& primary, Reconciler reconcile, ControllerOptions options)
    : primary_(primary),
      options_(std::move(options)),
      queue_(WorkQueueOptions{
          .name = options_.name, .clock = options_.clock, .registry = options_.registry}),
      pool_(
          queue_, std::move(reconcile),
          WorkerPoolOptions{
              .name = options_.name, .workers = options_.workers, .registry = options_.registry}) {
  auto enqueue = [this](const boost::json::object& object) {
    Enqueue(object);
  };
  primary_.AddEventHandler(
      {.on_add = enqueue,
       .on_update = [enqueue](const boost::json::object&,
                              const boost::json::object& now) { enqueue(now); },
       .on_delete = enqueue});
}

Controller::~Controller() {
  Stop();
}

void Controller::WatchOwned(client::Informer& informer, std::string owner_kind) {
  auto enqueue_owner = [this, owner_kind](const boost::json::object& object) {
    if (std::string key = ControllerOwnerKey(object, owner_kind); !key.empty()) queue_.Add(key);
  };
  informer.AddEventHandler(
      {.on_add = enqueue_owner,
       .on_update =
           [enqueue_owner](const boost::json::object& before, const boost::json::object& now) {
             enqueue_owner(before);  // an owner that lost the object hears of it too
             enqueue_owner(now);
           },
       .on_delete = enqueue_owner});
}

void Controller::Enqueue(const boost::json::object& object) {
  auto key = client::ObjectKey(object);
  if (!key.ok()) {
    spdlog::warn("{}: an object without a name was not queued: {}", options_.name,
                 key.status().message());
    return;
  }
  queue_.Add(*key);
}

void Controller::RequeueAll() {
  for (const client::ObjectPtr& object : primary_.store().List()) Enqueue(*object);
}

void Controller::Start() {
  RequeueAll();
  pool_.Start();
  if (options_.resync_period.count() > 0) {
    resync_thread_ = std::thread([this] { ResyncLoop(); });
  }
}

void Controller::ResyncLoop() {
  while (!stop_.WaitFor(options_.resync_period)) RequeueAll();
}

void Controller::Stop() {
  stop_.Stop();
  if (resync_thread_.joinable()) resync_thread_.join();
  pool_.Stop();
}

}  // namespace navigator::runtime
