// NamespaceLifecycle's decisions, one row per (cache, live answer, operation).

#include "navigator/apiserver/admission/namespace_lifecycle.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace navigator::apiserver::admission {
namespace {

class TableSource final : public NamespaceSource {
 public:
  std::map<std::string, NamespacePhase, std::less<>> cached;
  std::map<std::string, NamespacePhase, std::less<>> live;
  Status live_error;  // when not OK, Live fails with it
  mutable int live_lookups = 0;

  std::optional<NamespacePhase> Cached(std::string_view name) const override {
    auto it = cached.find(name);
    if (it == cached.end()) return std::nullopt;
    return it->second;
  }
  Result<NamespacePhase> Live(std::string_view name) const override {
    ++live_lookups;
    if (!live_error.ok()) return live_error;
    auto it = live.find(name);
    if (it == live.end()) return Status(StatusCode::kNotFound, "not found");
    return it->second;
  }
};

// `body` is a string literal, so the view stays valid.
Attributes Write(Operation op, std::string ns, std::string name = "", std::string_view body = {}) {
  return Attributes{.operation = op,
                    .namespace_ = std::move(ns),
                    .group = "navigator.jetstack.io",
                    .resource = "elasticsearchclusters",
                    .name = std::move(name),
                    .body = body};
}

constexpr auto kActive = NamespacePhase::kActive;
constexpr auto kTerminating = NamespacePhase::kTerminating;

TEST(NamespaceLifecycleTest, Decisions) {
  struct Row {
    const char* what;
    std::optional<NamespacePhase> cached;
    std::optional<NamespacePhase> live;
    Operation op;
    StatusCode want;
    int want_live_lookups;
  };
  const Row rows[] = {
      {"create in a cached active namespace", kActive, kActive, Operation::kCreate, StatusCode::kOk,
       0},
      {"update in a cached active namespace", kActive, kActive, Operation::kUpdate, StatusCode::kOk,
       0},
      {"create in a terminating namespace", kTerminating, kTerminating, Operation::kCreate,
       StatusCode::kForbidden, 0},
      {"update in a terminating namespace (finalizers must be removable)", kTerminating,
       kTerminating, Operation::kUpdate, StatusCode::kOk, 0},
      {"delete in a terminating namespace", kTerminating, kTerminating, Operation::kDelete,
       StatusCode::kOk, 0},
      {"create in a namespace the cache has not seen yet", std::nullopt, kActive,
       Operation::kCreate, StatusCode::kOk, 1},
      {"create in a missing namespace", std::nullopt, std::nullopt, Operation::kCreate,
       StatusCode::kNotFound, 1},
      {"update in a missing namespace", std::nullopt, std::nullopt, Operation::kUpdate,
       StatusCode::kNotFound, 1},
      {"delete in a missing namespace", std::nullopt, std::nullopt, Operation::kDelete,
       StatusCode::kOk, 0},
      {"create in a namespace only the live lookup sees terminating", std::nullopt, kTerminating,
       Operation::kCreate, StatusCode::kForbidden, 1},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    TableSource source;
    if (row.cached) source.cached["team-a"] = *row.cached;
    if (row.live) source.live["team-a"] = *row.live;
    NamespaceLifecycle plugin(source);
    Status s = plugin.Admit(Write(row.op, "team-a", "", R"({"metadata":{"name":"es1"}})"));
    EXPECT_EQ(s.code(), row.want) << s.ToString();
    EXPECT_EQ(source.live_lookups, row.want_live_lookups);
  }
}

TEST(NamespaceLifecycleTest, MessagesAreKubernetes) {
  TableSource source;
  source.cached["dying"] = kTerminating;
  NamespaceLifecycle plugin(source);

  Status missing = plugin.Admit(Write(Operation::kCreate, "nowhere"));
  EXPECT_EQ(missing.message(), "namespaces \"nowhere\" not found");
  EXPECT_EQ(missing.details().kind, "namespaces");
  EXPECT_EQ(missing.details().name, "nowhere");

  Status dying =
      plugin.Admit(Write(Operation::kCreate, "dying", "", R"({"metadata":{"name":"es1"}})"));
  EXPECT_EQ(dying.message(),
            "elasticsearchclusters.navigator.jetstack.io \"es1\" is forbidden: unable to create "
            "new content in namespace dying because it is being terminated");
  EXPECT_EQ(dying.details().name, "es1");
  EXPECT_EQ(dying.details().group, "navigator.jetstack.io");

  Status unnamed = plugin.Admit(Write(Operation::kCreate, "dying", "", "not json"));
  EXPECT_EQ(unnamed.message(),
            "elasticsearchclusters.navigator.jetstack.io is forbidden: unable to create new "
            "content in namespace dying because it is being terminated");
}

TEST(NamespaceLifecycleTest, FailsClosedWhenTheClusterCannotAnswer) {
  TableSource source;
  source.live_error = Status(StatusCode::kServiceUnavailable, "cannot reach https://127.0.0.1:1");
  NamespaceLifecycle plugin(source);
  Status s = plugin.Admit(Write(Operation::kCreate, "team-a"));
  EXPECT_EQ(s.code(), StatusCode::kServiceUnavailable);
  EXPECT_NE(s.message().find("cannot reach"), std::string::npos) << s.message();
}

TEST(NamespaceLifecycleTest, ClusterScopedWritesAreAdmitted) {
  TableSource source;
  NamespaceLifecycle plugin(source);
  EXPECT_TRUE(plugin.Admit(Write(Operation::kCreate, "")).ok());
  EXPECT_EQ(source.live_lookups, 0);
}

}  // namespace
}  // namespace navigator::apiserver::admission
