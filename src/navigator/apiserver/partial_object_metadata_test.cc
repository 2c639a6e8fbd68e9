#include "navigator/apiserver/partial_object_metadata.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "navigator/api/navigator/pilot.h"

namespace navigator::apiserver {
namespace {

api::ObjectMeta Meta(std::string name) {
  api::ObjectMeta m;
  m.name = std::move(name);
  m.namespace_ = "ns";
  m.uid = "u-" + m.name;
  m.resource_version = "42";
  m.generation = 3;
  m.creation_timestamp = api::Time{std::chrono::sys_seconds(std::chrono::seconds(1'700'000'000))};
  m.labels = {{"app", "es"}};
  m.annotations = {{"note", "x"}};
  m.owner_references = {{"v1", "Pod", "p", "pod-uid", true, std::nullopt}};
  m.finalizers = {"f"};
  api::ManagedFieldsEntry entry;
  entry.manager = "kubectl";
  entry.operation = "Update";
  m.managed_fields = {entry};
  return m;
}

TEST(PartialObjectMetadataTest, CarriesTheWholeObjectMeta) {
  EXPECT_EQ(boost::json::value(ToPartialObjectMetadata(Meta("a"))), boost::json::parse(R"({
    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
    "metadata": {"name": "a", "namespace": "ns", "uid": "u-a", "resourceVersion": "42",
                 "generation": 3, "creationTimestamp": "2023-11-14T22:13:20Z",
                 "labels": {"app": "es"}, "annotations": {"note": "x"},
                 "ownerReferences": [{"apiVersion": "v1", "kind": "Pod", "name": "p",
                                      "uid": "pod-uid", "controller": true}],
                 "finalizers": ["f"],
                 "managedFields": [{"manager": "kubectl", "operation": "Update"}]}})"));
}

TEST(PartialObjectMetadataTest, V1beta1AndEmptyMetadata) {
  EXPECT_EQ(boost::json::value(ToPartialObjectMetadata(api::ObjectMeta{}, "meta.k8s.io/v1beta1")),
            boost::json::parse(R"({"kind": "PartialObjectMetadata",
                                   "apiVersion": "meta.k8s.io/v1beta1",
                                   "metadata": {"creationTimestamp": null}})"));
}

TEST(PartialObjectMetadataListTest, ItemsAndListMeta) {
  std::vector<api::Pilot> pilots(2);
  pilots[0].metadata.name = "p0";
  pilots[1].metadata.name = "p1";
  api::ListMeta list_meta;
  list_meta.resource_version = "77";
  list_meta.continue_ = "token";
  list_meta.remaining_item_count = 5;
  EXPECT_EQ(boost::json::value(ToPartialObjectMetadataList(pilots, list_meta)),
            boost::json::parse(R"({
    "kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1",
    "metadata": {"resourceVersion": "77", "continue": "token", "remainingItemCount": 5},
    "items": [
      {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
       "metadata": {"name": "p0", "creationTimestamp": null}},
      {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
       "metadata": {"name": "p1", "creationTimestamp": null}}]})"));
}

TEST(PartialObjectMetadataListTest, EmptyListHasEmptyItems) {
  EXPECT_EQ(boost::json::value(ToPartialObjectMetadataList(std::vector<api::Pilot>{},
                                                           api::ListMeta{}, "meta.k8s.io/v1beta1")),
            boost::json::parse(R"({"kind": "PartialObjectMetadataList",
                                   "apiVersion": "meta.k8s.io/v1beta1",
                                   "metadata": {}, "items": []})"));
}

}  // namespace
}  // namespace navigator::apiserver
