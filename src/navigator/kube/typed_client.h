#pragma once

// TypedClient<T>: client-go's typed clientset for one kind, over the dynamic
// client::ResourceClient. T is any kind with ResourceTraits (kinds.h): the
// Kubernetes structs of this folder and Navigator's own kinds.
//
//   kube::TypedClient<kube::StatefulSet> sets(rest);
//   Result<kube::StatefulSet> set = sets.Get("team-a", "es-data");
//   set->spec.update_strategy.rolling_update->partition = 2;
//   Result<kube::StatefulSet> updated = sets.Update("team-a", *set);
//
// Update sends metadata.resourceVersion as read, so a concurrent change is
// kConflict (re-read and retry). Fields the struct does not model are sent
// back as read (preserving.h). Every answer is decoded; a body that does not
// decode is kBadRequest naming the field.
//
// Ownership and threading: `rest` must outlive the client; every method is
// const and as thread-safe as the RestClient.

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "navigator/base/result.h"
#include "navigator/client/resource_client.h"
#include "navigator/client/typed_resources.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

// One page of a list.
template <typename T>
struct ObjectList {
  std::vector<T> items;
  std::string resource_version;  // watch from here to see every later change
  std::string continue_token;    // "" on the last page
  std::optional<int64_t> remaining_item_count;
};

template <Resource T>
class TypedClient {
 public:
  explicit TypedClient(client::RestClient& rest)
      : resource_(client::ClientFor(rest, ResourceTraits<T>::kResource)) {}

  const client::ResourceClient& resource() const { return resource_; }

  Result<T> Get(std::string_view ns, std::string_view name) const {
    return DecodeAnswer(resource_.Get(ns, name));
  }

  // Items without apiVersion/kind (as kube-apiserver lists built-in kinds)
  // get the resource's. An item that does not decode fails the whole list,
  // its error prefixed with "items[i]".
  Result<ObjectList<T>> List(std::string_view ns, const client::ListOptions& options = {}) const {
    NAVIGATOR_ASSIGN_OR_RETURN(boost::json::object list, resource_.List(ns, options));
    return DecodeList(list);
  }

  Result<T> Create(std::string_view ns, const T& object,
                   const client::WriteOptions& options = {}) const {
    return DecodeAnswer(resource_.Create(ns, ResourceTraits<T>::Encode(object), options));
  }

  Result<T> Update(std::string_view ns, const T& object,
                   const client::WriteOptions& options = {}) const {
    return DecodeAnswer(resource_.Update(ns, ResourceTraits<T>::Encode(object), options));
  }

  // Writes only the status (the status subresource); the spec in `object`
  // is ignored by the server.
  Result<T> UpdateStatus(std::string_view ns, const T& object,
                         const client::WriteOptions& options = {}) const {
    return DecodeAnswer(resource_.UpdateStatus(ns, ResourceTraits<T>::Encode(object), options));
  }

  // `patch` as ResourceClient::Patch takes it (JSON array for kJson, object
  // for the others, YAML or JSON for kApply).
  Result<T> Patch(std::string_view ns, std::string_view name, client::PatchType type,
                  std::string_view patch, const client::PatchOptions& options = {}) const {
    return DecodeAnswer(resource_.Patch(ns, name, type, patch, options));
  }

  // The object when the server answers with it (still there while
  // finalizers or a grace period run, or as it was deleted); nullopt when it
  // answers with a success Status.
  Result<std::optional<T>> Delete(std::string_view ns, std::string_view name,
                                  const client::DeleteOptions& options = {}) const {
    NAVIGATOR_ASSIGN_OR_RETURN(boost::json::object answer, resource_.Delete(ns, name, options));
    if (const auto* kind = answer.if_contains("kind");
        kind != nullptr && kind->is_string() && kind->get_string() == "Status") {
      return std::optional<T>();
    }
    NAVIGATOR_ASSIGN_OR_RETURN(T object, ResourceTraits<T>::Decode(answer));
    return std::optional<T>(std::move(object));
  }

 private:
  static Result<T> DecodeAnswer(Result<boost::json::object> answer) {
    if (!answer.ok()) return std::move(answer).status();
    return ResourceTraits<T>::Decode(boost::json::value(std::move(*answer)));
  }

  static Result<ObjectList<T>> DecodeList(boost::json::object& list) {
    ObjectList<T> out;
    if (const auto* meta = list.if_contains("metadata"); meta != nullptr && meta->is_object()) {
      const boost::json::object& m = meta->get_object();
      if (const auto* rv = m.if_contains("resourceVersion"); rv != nullptr && rv->is_string()) {
        out.resource_version = std::string(rv->get_string());
      }
      if (const auto* c = m.if_contains("continue"); c != nullptr && c->is_string()) {
        out.continue_token = std::string(c->get_string());
      }
      if (const auto* r = m.if_contains("remainingItemCount"); r != nullptr && r->is_int64()) {
        out.remaining_item_count = r->get_int64();
      }
    }
    boost::json::value* items = list.if_contains("items");
    if (items == nullptr || items->is_null()) return out;
    if (!items->is_array()) {
      return BadRequest(fmt::format("the {} list's items must be an array, got {}",
                                    ResourceTraits<T>::kResource.kind, api::JsonKindName(*items)));
    }
    const client::TypedResource& resource = ResourceTraits<T>::kResource;
    boost::json::array& array = items->get_array();
    out.items.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (boost::json::object* item = array[i].if_object()) {
        if (!item->contains("apiVersion")) (*item)["apiVersion"] = ApiVersionOf(resource);
        if (!item->contains("kind")) (*item)["kind"] = resource.kind;
      }
      Result<T> decoded = ResourceTraits<T>::Decode(array[i]);
      if (!decoded.ok()) return PrefixFields(decoded.status(), fmt::format("items[{}]", i));
      out.items.push_back(std::move(*decoded));
    }
    return out;
  }

  client::ResourceClient resource_;
};

}  // namespace navigator::kube
