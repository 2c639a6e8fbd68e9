#include "navigator/client/object_store.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <thread>

namespace navigator::client {
namespace {

namespace json = boost::json;

json::object Obj(std::string_view ns, std::string_view name, std::string_view rv) {
  json::object metadata{{"name", name}, {"resourceVersion", rv}};
  if (!ns.empty()) metadata["namespace"] = ns;
  return json::object{{"kind", "ConfigMap"}, {"metadata", std::move(metadata)}};
}

json::object Labelled(std::string_view ns, std::string_view name, std::string_view rv,
                      json::object labels) {
  json::object object = Obj(ns, name, rv);
  object["metadata"].as_object()["labels"] = std::move(labels);
  return object;
}

std::vector<std::string> Names(const std::vector<ObjectPtr>& objects) {
  std::vector<std::string> out;
  for (const ObjectPtr& o : objects) out.emplace_back(o->at("metadata").at("name").as_string());
  return out;
}

TEST(ObjectKeyTest, NamespacedAndClusterScoped) {
  EXPECT_EQ(*ObjectKey(Obj("kube-system", "a", "1")), "kube-system/a");
  EXPECT_EQ(*ObjectKey(Obj("", "default", "1")), "default");
}

TEST(ObjectKeyTest, MalformedObjectsAreBadRequest) {
  for (const char* text :
       {R"({})", R"({"metadata":1})", R"({"metadata":{}})", R"({"metadata":{"name":""}})",
        R"({"metadata":{"name":5}})", R"({"metadata":{"name":"a","namespace":7}})"}) {
    Result<std::string> key = ObjectKey(json::parse(text).as_object());
    ASSERT_FALSE(key.ok()) << text;
    EXPECT_EQ(key.status().code(), StatusCode::kBadRequest) << text;
  }
}

TEST(ObjectStoreTest, AddUpdateDeleteGet) {
  ObjectStore store;
  EXPECT_EQ(*store.Add(Obj("ns", "a", "1")), nullptr);
  ObjectPtr old = *store.Update(Obj("ns", "a", "2"));
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(ObjectResourceVersion(*old), "1");
  EXPECT_EQ(ObjectResourceVersion(*store.Get("ns/a")), "2");
  EXPECT_EQ(store.Get("ns/b"), nullptr);
  ObjectPtr deleted = *store.Delete(Obj("ns", "a", "3"));
  ASSERT_NE(deleted, nullptr);
  EXPECT_EQ(ObjectResourceVersion(*deleted), "2");
  EXPECT_EQ(*store.Delete(Obj("ns", "a", "3")), nullptr);
  EXPECT_EQ(store.size(), 0u);
  EXPECT_FALSE(store.Add(json::object{}).ok());
}

TEST(ObjectStoreTest, NamespaceIndex) {
  ObjectStore store;
  ASSERT_TRUE(store.Add(Obj("a", "x", "1")).ok());
  ASSERT_TRUE(store.Add(Obj("a", "y", "1")).ok());
  ASSERT_TRUE(store.Add(Obj("b", "x", "1")).ok());
  ASSERT_TRUE(store.Add(Obj("", "c", "1")).ok());
  EXPECT_EQ(Names(store.ByNamespace("a")), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(Names(store.ByNamespace("b")), (std::vector<std::string>{"x"}));
  EXPECT_EQ(Names(store.ByNamespace("")), (std::vector<std::string>{"c"}));
  EXPECT_TRUE(store.ByNamespace("zzz").empty());
  ASSERT_TRUE(store.Delete(Obj("a", "x", "2")).ok());
  EXPECT_EQ(Names(store.ByNamespace("a")), (std::vector<std::string>{"y"}));
  EXPECT_EQ(store.Keys(), (std::vector<std::string>{"a/y", "b/x", "c"}));
}

TEST(ObjectStoreTest, LabelIndexFollowsAddUpdateDelete) {
  ObjectStore store;
  ASSERT_TRUE(store.Add(Labelled("a", "x", "1", {{"app", "web"}, {"tier", "front"}})).ok());
  ASSERT_TRUE(store.Add(Labelled("b", "y", "1", {{"app", "web"}})).ok());
  ASSERT_TRUE(store.Add(Labelled("", "z", "1", {{"app", "db"}, {"n", 5}})).ok());
  ASSERT_TRUE(store.Add(Obj("a", "plain", "1")).ok());
  EXPECT_EQ(Names(store.ByLabel("app", "web")), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(Names(store.ByLabel("tier", "front")), (std::vector<std::string>{"x"}));
  EXPECT_EQ(Names(store.ByLabel("app", "db")), (std::vector<std::string>{"z"}));
  EXPECT_TRUE(store.ByLabel("app", "").empty());
  EXPECT_TRUE(store.ByLabel("n", "5").empty());  // not a string: not indexed
  EXPECT_TRUE(store.ByLabel("nope", "web").empty());

  // A label's value changes, another label goes away, one is added.
  ASSERT_TRUE(store.Update(Labelled("a", "x", "2", {{"app", "db"}, {"new", ""}})).ok());
  EXPECT_EQ(Names(store.ByLabel("app", "web")), (std::vector<std::string>{"y"}));
  EXPECT_EQ(Names(store.ByLabel("app", "db")), (std::vector<std::string>{"x", "z"}));
  EXPECT_TRUE(store.ByLabel("tier", "front").empty());
  EXPECT_EQ(Names(store.ByLabel("new", "")), (std::vector<std::string>{"x"}));
  EXPECT_EQ(ObjectResourceVersion(*store.ByLabel("app", "db")[0]), "2");  // the new state

  // Labels removed altogether; an object gains labels.
  ASSERT_TRUE(store.Update(Obj("b", "y", "2")).ok());
  ASSERT_TRUE(store.Add(Labelled("a", "plain", "2", {{"app", "web"}})).ok());
  EXPECT_EQ(Names(store.ByLabel("app", "web")), (std::vector<std::string>{"plain"}));

  // Deletes leave the index.
  ASSERT_TRUE(store.Delete(Obj("a", "x", "3")).ok());
  ASSERT_TRUE(store.Delete(Obj("a", "plain", "3")).ok());
  EXPECT_EQ(Names(store.ByLabel("app", "db")), (std::vector<std::string>{"z"}));
  EXPECT_TRUE(store.ByLabel("app", "web").empty());
  EXPECT_TRUE(store.ByLabel("new", "").empty());
  // Re-adding a deleted key indexes it again.
  ASSERT_TRUE(store.Add(Labelled("a", "x", "4", {{"app", "web"}})).ok());
  EXPECT_EQ(Names(store.ByLabel("app", "web")), (std::vector<std::string>{"x"}));
}

TEST(ObjectStoreTest, ReplaceRebuildsTheLabelIndex) {
  ObjectStore store;
  ASSERT_TRUE(store.Add(Labelled("a", "old", "1", {{"app", "web"}})).ok());
  ASSERT_TRUE(store.Add(Labelled("a", "kept", "1", {{"app", "web"}})).ok());
  ASSERT_TRUE(store
                  .Replace({Labelled("a", "kept", "2", {{"app", "db"}}),
                            Labelled("b", "new", "2", {{"app", "web"}})},
                           "10")
                  .ok());
  EXPECT_EQ(Names(store.ByLabel("app", "web")), (std::vector<std::string>{"new"}));
  EXPECT_EQ(Names(store.ByLabel("app", "db")), (std::vector<std::string>{"kept"}));
  ASSERT_TRUE(store.Replace({}, "11").ok());
  EXPECT_TRUE(store.ByLabel("app", "web").empty());
  EXPECT_TRUE(store.ByLabel("app", "db").empty());
  // A failed Replace leaves the index as it was.
  ASSERT_TRUE(store.Replace({Labelled("", "c", "1", {{"k", "v"}})}, "12").ok());
  ASSERT_FALSE(store.Replace({Labelled("", "d", "1", {{"k", "v"}}), json::object{}}, "13").ok());
  EXPECT_EQ(Names(store.ByLabel("k", "v")), (std::vector<std::string>{"c"}));
}

TEST(ObjectStoreTest, ReplaceDiffs) {
  ObjectStore store;
  Result<StoreDiff> first = store.Replace({Obj("", "a", "1"), Obj("", "b", "1")}, "10");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Names(first->added), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(store.resource_version(), "10");

  Result<StoreDiff> second =
      store.Replace({Obj("", "b", "2"), Obj("", "a", "1"), Obj("", "c", "5")}, "20");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(Names(second->added), (std::vector<std::string>{"c"}));
  ASSERT_EQ(second->updated.size(), 1u);
  EXPECT_EQ(ObjectResourceVersion(*second->updated[0].first), "1");
  EXPECT_EQ(ObjectResourceVersion(*second->updated[0].second), "2");
  EXPECT_TRUE(second->deleted.empty());

  Result<StoreDiff> third = store.Replace({Obj("", "c", "5")}, "30");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(Names(third->deleted), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(store.Keys(), (std::vector<std::string>{"c"}));
  EXPECT_EQ(Names(store.ByNamespace("")), (std::vector<std::string>{"c"}));
}

TEST(ObjectStoreTest, ReplaceWithABadItemChangesNothing) {
  ObjectStore store;
  ASSERT_TRUE(store.Replace({Obj("", "a", "1")}, "1").ok());
  Result<StoreDiff> bad = store.Replace({Obj("", "b", "1"), json::object{}}, "2");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(store.Keys(), (std::vector<std::string>{"a"}));
  EXPECT_EQ(store.resource_version(), "1");
}

TEST(ObjectStoreTest, ConcurrentReadersAndWriter) {
  ObjectStore store;
  std::thread writer([&] {
    for (int i = 0; i < 2000; ++i) {
      ASSERT_TRUE(store
                      .Add(Labelled("ns", std::to_string(i % 50), std::to_string(i),
                                    {{"parity", i % 2 == 1 ? "odd" : "even"}}))
                      .ok());
      if (i % 7 == 0) {
        ASSERT_TRUE(store.Delete(Obj("ns", std::to_string(i % 50), "x")).ok());
      }
    }
  });
  for (int i = 0; i < 2000; ++i) {
    for (const ObjectPtr& o : store.ByNamespace("ns")) ASSERT_NE(o, nullptr);
    for (const ObjectPtr& o : store.ByLabel("parity", "odd")) ASSERT_NE(o, nullptr);
    (void)store.Get("ns/3");
  }
  writer.join();
  EXPECT_EQ(store.List().size(), store.ByNamespace("ns").size());
  EXPECT_EQ(store.List().size(),
            store.ByLabel("parity", "odd").size() + store.ByLabel("parity", "even").size());
  for (const ObjectPtr& o : store.ByLabel("parity", "odd")) {
    EXPECT_EQ(std::stoi(ObjectResourceVersion(*o)) % 2, 1);
  }
}

}  // namespace
}  // namespace navigator::client
