#include "navigator/client/object_store.h"

#include <fmt/format.h>

#include <boost/json/value.hpp>
#include <mutex>

namespace navigator::client {
namespace {

namespace json = boost::json;

struct KeyParts {
  std::string ns;
  std::string key;
};

Result<KeyParts> KeyPartsOf(const json::object& object) {
  const json::value* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) {
    return BadRequest("object has no metadata object, so it has no name to be stored under");
  }
  const json::value* name = metadata->as_object().if_contains("name");
  if (name == nullptr || !name->is_string() || name->as_string().empty()) {
    return BadRequest("object has no metadata.name (a non-empty string), so it cannot be stored");
  }
  KeyParts parts;
  if (const json::value* ns = metadata->as_object().if_contains("namespace")) {
    if (!ns->is_string() && !ns->is_null()) {
      return BadRequest("object's metadata.namespace is not a string");
    }
    if (ns->is_string()) parts.ns = std::string(ns->as_string());
  }
  parts.key = parts.ns.empty()
                  ? std::string(name->as_string())
                  : fmt::format("{}/{}", parts.ns, std::string_view(name->as_string()));
  return parts;
}

// The string-valued entries of metadata.labels (the ones ByLabel finds).
std::vector<std::pair<std::string, std::string>> LabelsOf(const json::object& object) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return out;
  const json::value* labels = metadata->as_object().if_contains("labels");
  if (labels == nullptr || !labels->is_object()) return out;
  for (const auto& [key, value] : labels->as_object()) {
    if (value.is_string()) out.emplace_back(std::string(key), std::string(value.as_string()));
  }
  return out;
}

}  // namespace

Result<std::string> ObjectKey(const json::object& object) {
  NAVIGATOR_ASSIGN_OR_RETURN(KeyParts parts, KeyPartsOf(object));
  return std::move(parts.key);
}

std::string ObjectResourceVersion(const json::object& object) {
  const json::value* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return "";
  const json::value* rv = metadata->as_object().if_contains("resourceVersion");
  if (rv == nullptr || !rv->is_string()) return "";
  return std::string(rv->as_string());
}

Result<StoreDiff> ObjectStore::Replace(std::vector<json::object> items,
                                       std::string resource_version) {
  std::map<std::string, Entry, std::less<>> next;
  for (json::object& item : items) {
    NAVIGATOR_ASSIGN_OR_RETURN(KeyParts parts, KeyPartsOf(item));
    Labels labels = LabelsOf(item);
    next[std::move(parts.key)] = Entry{std::move(parts.ns), std::move(labels),
                                       std::make_shared<const json::object>(std::move(item))};
  }
  StoreDiff diff;
  std::unique_lock lock(mu_);
  for (const auto& [key, entry] : next) {
    auto old = items_.find(key);
    if (old == items_.end()) {
      diff.added.push_back(entry.object);
    } else if (ObjectResourceVersion(*old->second.object) != ObjectResourceVersion(*entry.object)) {
      diff.updated.emplace_back(old->second.object, entry.object);
    }
  }
  for (const auto& [key, entry] : items_) {
    if (!next.contains(key)) diff.deleted.push_back(entry.object);
  }
  items_ = std::move(next);
  by_namespace_.clear();
  by_label_.clear();
  for (const auto& [key, entry] : items_) {
    by_namespace_[entry.ns].emplace(key, entry.object);
    IndexLabels(key, entry);
  }
  resource_version_ = std::move(resource_version);
  return diff;
}

Result<ObjectPtr> ObjectStore::Upsert(json::object object) {
  NAVIGATOR_ASSIGN_OR_RETURN(KeyParts parts, KeyPartsOf(object));
  Labels labels = LabelsOf(object);
  auto stored = std::make_shared<const json::object>(std::move(object));
  std::unique_lock lock(mu_);
  by_namespace_[parts.ns].insert_or_assign(parts.key, stored);
  auto [it, inserted] = items_.try_emplace(parts.key);
  ObjectPtr old;
  if (!inserted) {
    UnindexLabels(it->first, it->second);
    old = std::move(it->second.object);
  }
  it->second = Entry{std::move(parts.ns), std::move(labels), std::move(stored)};
  IndexLabels(it->first, it->second);
  return old;
}

Result<ObjectPtr> ObjectStore::Add(json::object object) {
  return Upsert(std::move(object));
}

Result<ObjectPtr> ObjectStore::Update(json::object object) {
  return Upsert(std::move(object));
}

Result<ObjectPtr> ObjectStore::Delete(const json::object& object) {
  NAVIGATOR_ASSIGN_OR_RETURN(KeyParts parts, KeyPartsOf(object));
  std::unique_lock lock(mu_);
  auto it = items_.find(parts.key);
  if (it == items_.end()) return ObjectPtr();
  UnindexLabels(it->first, it->second);
  ObjectPtr old = std::move(it->second.object);
  items_.erase(it);
  auto ns = by_namespace_.find(parts.ns);
  if (ns != by_namespace_.end()) {
    ns->second.erase(parts.key);
    if (ns->second.empty()) by_namespace_.erase(ns);
  }
  return old;
}

void ObjectStore::IndexLabels(const std::string& key, const Entry& entry) {
  for (const auto& [label, value] : entry.labels) {
    by_label_[label][value].insert_or_assign(key, entry.object);
  }
}

void ObjectStore::UnindexLabels(const std::string& key, const Entry& entry) {
  for (const auto& [label, value] : entry.labels) {
    auto values = by_label_.find(label);
    if (values == by_label_.end()) continue;
    auto keys = values->second.find(value);
    if (keys != values->second.end()) {
      keys->second.erase(key);
      if (keys->second.empty()) values->second.erase(keys);
    }
    if (values->second.empty()) by_label_.erase(values);
  }
}

ObjectPtr ObjectStore::Get(std::string_view key) const {
  std::shared_lock lock(mu_);
  auto it = items_.find(key);
  return it == items_.end() ? nullptr : it->second.object;
}

std::vector<ObjectPtr> ObjectStore::List() const {
  std::shared_lock lock(mu_);
  std::vector<ObjectPtr> out;
  out.reserve(items_.size());
  for (const auto& [key, entry] : items_) out.push_back(entry.object);
  return out;
}

std::vector<std::string> ObjectStore::Keys() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  out.reserve(items_.size());
  for (const auto& [key, entry] : items_) out.push_back(key);
  return out;
}

std::vector<ObjectPtr> ObjectStore::ByNamespace(std::string_view ns) const {
  std::shared_lock lock(mu_);
  std::vector<ObjectPtr> out;
  auto it = by_namespace_.find(std::string(ns));
  if (it == by_namespace_.end()) return out;
  out.reserve(it->second.size());
  for (const auto& [key, object] : it->second) out.push_back(object);
  return out;
}

std::vector<ObjectPtr> ObjectStore::ByLabel(std::string_view key, std::string_view value) const {
  std::shared_lock lock(mu_);
  std::vector<ObjectPtr> out;
  auto values = by_label_.find(key);
  if (values == by_label_.end()) return out;
  auto keys = values->second.find(value);
  if (keys == values->second.end()) return out;
  out.reserve(keys->second.size());
  for (const auto& [object_key, object] : keys->second) out.push_back(object);
  return out;
}

size_t ObjectStore::size() const {
  std::shared_lock lock(mu_);
  return items_.size();
}

std::string ObjectStore::resource_version() const {
  std::shared_lock lock(mu_);
  return resource_version_;
}

}  // namespace navigator::client
