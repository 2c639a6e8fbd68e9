#include "navigator/client/informer.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <thread>

#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::client {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string WatchLine(std::string_view type, std::string_view name, std::string_view rv) {
  return json::serialize(json::object{
      {"type", type},
      {"object",
       json::object{{"kind", "Namespace"},
                    {"metadata", json::object{{"name", name}, {"resourceVersion", rv}}}}}});
}

class InformerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_.SetDoHandler([](const RestRequest&) -> Result<std::string> {
      return std::string(
          R"({"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"10"},)"
          R"("items":[{"metadata":{"name":"default","resourceVersion":"2"}}]})");
    });
    client_.SetStreamHandler([this](std::string_view,
                                    const std::function<bool(std::string_view)>& on_line,
                                    const std::atomic<bool>& cancel) {
      if (!streamed_.exchange(true)) {
        on_line(WatchLine("ADDED", "team-a", "11"));
        on_line(WatchLine("DELETED", "default", "12"));
      }
      while (!cancel.load()) std::this_thread::sleep_for(2ms);
      return OkStatus();
    });
  }

  testing::FakeRestClient client_;
  std::atomic<bool> streamed_{false};
};

TEST_F(InformerTest, FansOutToEveryHandlerAndReplaysToLateOnes) {
  Informer informer(client_, {.path = "/api/v1/namespaces"});
  std::mutex mu;
  std::vector<std::string> first, second, late;
  auto recorder = [&](std::vector<std::string>& calls) {
    return EventHandlers{
        .on_add =
            [&](const json::object& o) {
              std::lock_guard lock(mu);
              calls.push_back("add " + std::string(o.at("metadata").at("name").as_string()));
            },
        .on_delete =
            [&](const json::object& o) {
              std::lock_guard lock(mu);
              calls.push_back("delete " + std::string(o.at("metadata").at("name").as_string()));
            },
    };
  };
  informer.AddEventHandler(recorder(first));
  informer.AddEventHandler(recorder(second));
  EXPECT_FALSE(informer.HasSynced());
  informer.Start();
  ASSERT_TRUE(informer.WaitForSync(10s));
  for (int i = 0; i < 2000; ++i) {
    {
      std::lock_guard lock(mu);
      if (first.size() >= 3) break;
    }
    std::this_thread::sleep_for(5ms);
  }
  informer.AddEventHandler(recorder(late));
  informer.Stop();
  const std::vector<std::string> want = {"add default", "add team-a", "delete default"};
  EXPECT_EQ(first, want);
  EXPECT_EQ(second, want);
  EXPECT_EQ(late, (std::vector<std::string>{"add team-a"}));
  EXPECT_EQ(informer.store().Keys(), (std::vector<std::string>{"team-a"}));
  EXPECT_EQ(informer.LastSyncResourceVersion(), "12");
}

TEST_F(InformerTest, WaitForSyncTimesOutWhileTheServerIsDown) {
  client_.SetDoHandler(
      [](const RestRequest&) -> Result<std::string> { return Unavailable("connection refused"); });
  Informer informer(client_, {.path = "/api/v1/namespaces"});
  informer.Start();
  EXPECT_FALSE(informer.WaitForSync(100ms));
  const auto start = std::chrono::steady_clock::now();
  informer.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

}  // namespace
}  // namespace navigator::client
