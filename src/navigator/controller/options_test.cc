#include "navigator/controller/options.h"

#include <gtest/gtest.h>

#include <vector>

namespace navigator::controller {
namespace {

struct Parsed {
  bool parsed;
  std::string parse_error;
  Options options;
};

Parsed Parse(std::vector<std::string> args) {
  Parsed p{};
  CLI::App app;
  p.options.AddFlags(app);
  args.insert(args.begin(), "navigator-controller");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
    p.parsed = true;
  } catch (const CLI::ParseError& e) {
    p.parse_error = e.what();
  }
  return p;
}

TEST(ControllerOptionsTest, Defaults) {
  Parsed p = Parse({});
  ASSERT_TRUE(p.parsed) << p.parse_error;
  EXPECT_TRUE(p.options.leader_election.enabled);
  EXPECT_EQ(p.options.leader_election.lease_duration, std::chrono::seconds(15));
  EXPECT_EQ(p.options.leader_election.renew_deadline, std::chrono::seconds(10));
  EXPECT_EQ(p.options.leader_election.retry_period, std::chrono::seconds(2));
  EXPECT_EQ(p.options.namespace_, "");
  EXPECT_EQ(p.options.log_format, LogFormat::kText);
  EXPECT_TRUE(p.options.Validate().ok());
}

TEST(ControllerOptionsTest, KubeStyleFlags) {
  Parsed p = Parse({"--kubeconfig=/k", "--namespace=team-a", "--leader-elect=false",
                    "--leader-elect-lease-duration=3s", "--leader-elect-renew-deadline=2000ms",
                    "--leader-elect-retry-period=500ms", "--health-bind-address=127.0.0.1:0",
                    "--metrics-bind-address=0", "--logging-format=json", "--v=2"});
  ASSERT_TRUE(p.parsed) << p.parse_error;
  EXPECT_EQ(p.options.kubeconfig, "/k");
  EXPECT_EQ(p.options.namespace_, "team-a");
  EXPECT_FALSE(p.options.leader_election.enabled);
  EXPECT_EQ(p.options.leader_election.lease_duration, std::chrono::seconds(3));
  EXPECT_EQ(p.options.leader_election.renew_deadline, std::chrono::seconds(2));
  EXPECT_EQ(p.options.leader_election.retry_period, std::chrono::milliseconds(500));
  EXPECT_EQ(p.options.log_format, LogFormat::kJson);
  EXPECT_EQ(p.options.verbosity, 2);
  EXPECT_TRUE(p.options.Validate().ok());
}

TEST(ControllerOptionsTest, AcceptsTheOriginalsLeaderElectionNamespaceFlag) {
  Parsed p = Parse({"--leader-election-namespace=navigator"});
  ASSERT_TRUE(p.parsed) << p.parse_error;
  EXPECT_EQ(p.options.leader_election.resource_namespace, "navigator");
}

TEST(ControllerOptionsTest, BadFlagsNameThemselves) {
  for (const char* arg :
       {"--leader-elect-lease-duration=15", "--leader-elect-retry-period=2h",
        "--leader-elect-renew-deadline=s", "--logging-format=yaml", "--resync-period=-1"}) {
    SCOPED_TRACE(arg);
    Parsed p = Parse({arg});
    EXPECT_FALSE(p.parsed);
    std::string flag(arg);
    flag = flag.substr(0, flag.find('='));
    EXPECT_NE(p.parse_error.find(flag), std::string::npos) << p.parse_error;
  }
}

TEST(ControllerOptionsTest, LeaderElectionTimingsMustNest) {
  Parsed p = Parse({"--leader-elect-lease-duration=5s", "--leader-elect-renew-deadline=10s"});
  ASSERT_TRUE(p.parsed);
  Status s = p.options.Validate();
  EXPECT_EQ(s.code(), StatusCode::kBadRequest);
  EXPECT_NE(s.message().find("--leader-elect-lease-duration"), std::string::npos);

  p = Parse({"--leader-elect-renew-deadline=1s", "--leader-elect-retry-period=2s"});
  EXPECT_FALSE(p.options.Validate().ok());
  p = Parse({"--leader-elect=false", "--leader-elect-renew-deadline=1s",
             "--leader-elect-retry-period=2s"});
  EXPECT_TRUE(p.options.Validate().ok());  // not checked when off

  p = Parse({"--health-bind-address=localhost"});
  EXPECT_NE(p.options.Validate().message().find("--health-bind-address"), std::string::npos);
}

}  // namespace
}  // namespace navigator::controller
