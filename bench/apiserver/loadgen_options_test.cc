#include "bench/apiserver/loadgen_options.h"

#include <gtest/gtest.h>

#include <sstream>

#include "bench/apiserver/loadgen_main.h"

namespace navigator::bench::loadgen {
namespace {

LoadgenOptions Server() {
  LoadgenOptions o;
  o.kubeconfig = "/tmp/kubeconfig";
  o.ops = {"get"};
  return o;
}

LoadgenOptions Etcd() {
  LoadgenOptions o;
  o.etcd = "http://127.0.0.1:2379";
  o.ops = {"create"};
  return o;
}

void ExpectInvalid(const LoadgenOptions& o, std::string_view mentions) {
  const Status s = o.Validate();
  ASSERT_FALSE(s.ok()) << mentions;
  EXPECT_EQ(s.code(), StatusCode::kBadRequest);
  EXPECT_NE(s.message().find(mentions), std::string::npos) << s.message();
}

TEST(LoadgenOptionsTest, ValidServerAndEtcdModes) {
  EXPECT_TRUE(Server().Validate().ok());
  EXPECT_TRUE(Etcd().Validate().ok());
  EXPECT_EQ(Server().target(), "navigator");
  EXPECT_EQ(Etcd().target(), "etcd");
  LoadgenOptions named = Server();
  named.target_name = "kube-apiserver";
  EXPECT_EQ(named.target(), "kube-apiserver");
  // Neither --duration nor --ops: 10 s phases.
  EXPECT_EQ(Server().duration(), std::chrono::milliseconds(10'000));
  EXPECT_EQ(Server().total_ops(), std::nullopt);
}

TEST(LoadgenOptionsTest, ModeProblems) {
  LoadgenOptions both = Server();
  both.etcd = "http://127.0.0.1:2379";
  ExpectInvalid(both, "not both");
  LoadgenOptions neither;
  neither.ops = {"get"};
  ExpectInvalid(neither, "nothing to measure");
  LoadgenOptions server_only;
  server_only.server = "https://127.0.0.1:6443";
  server_only.ops = {"get"};
  ExpectInvalid(server_only, "--server needs --kubeconfig");
  LoadgenOptions plain = Server();
  plain.server = "http://127.0.0.1:6443";
  ExpectInvalid(plain, "https://");
  LoadgenOptions tls_etcd = Etcd();
  tls_etcd.etcd = "https://127.0.0.1:2379";
  ExpectInvalid(tls_etcd, "--etcd");
}

TEST(LoadgenOptionsTest, OpProblems) {
  LoadgenOptions none = Server();
  none.ops.clear();
  ExpectInvalid(none, "--op is required");
  LoadgenOptions unknown = Server();
  unknown.ops = {"get", "delete"};
  ExpectInvalid(unknown, "\"delete\"");
  LoadgenOptions etcd_watch = Etcd();
  etcd_watch.ops = {"watch"};
  ExpectInvalid(etcd_watch, "needs an API server");
  LoadgenOptions etcd_mixed = Etcd();
  etcd_mixed.ops = {"mixed"};
  ExpectInvalid(etcd_mixed, "needs an API server");
}

TEST(LoadgenOptionsTest, NumberProblems) {
  LoadgenOptions o = Server();
  o.clients = {1, 0};
  ExpectInvalid(o, "--clients 0");
  o = Server();
  o.clients = {};
  ExpectInvalid(o, "--clients");
  o = Server();
  o.clients = {2000};
  ExpectInvalid(o, "--clients 2000");
  o = Server();
  o.duration_seconds = 5;
  o.ops_per_phase = 10;
  ExpectInvalid(o, "pick one");
  o = Server();
  o.duration_seconds = 0;
  ExpectInvalid(o, "--duration");
  o = Server();
  o.duration_seconds = -3;
  ExpectInvalid(o, "--duration");
  o = Server();
  o.ops_per_phase = 0;
  ExpectInvalid(o, "--ops 0");
  o = Server();
  o.value_bytes = 2'000'000;
  ExpectInvalid(o, "--value-bytes");
  o = Server();
  o.value_bytes = -1;
  ExpectInvalid(o, "--value-bytes");
  o = Server();
  o.objects = 0;
  ExpectInvalid(o, "--objects");
  o = Server();
  o.watchers = 0;
  ExpectInvalid(o, "--watchers");
  o = Server();
  o.events = 0;
  ExpectInvalid(o, "--events");
  o = Server();
  o.watch_timeout_seconds = 0;
  ExpectInvalid(o, "--watch-timeout");
  o = Server();
  o.server_pid = -4;
  ExpectInvalid(o, "--server-pid");
  o = Server();
  o.request_timeout_seconds = 0;
  ExpectInvalid(o, "--timeout");
}

TEST(LoadgenOptionsTest, NamespaceMustBeAShortDnsLabel) {
  for (const char* bad : {"", "Bench", "-bench", "bench-", "be_nch", "b.c"}) {
    LoadgenOptions o = Server();
    o.namespace_ = bad;
    ExpectInvalid(o, "--namespace");
  }
  LoadgenOptions o = Server();
  o.namespace_ = std::string(51, 'a');
  ExpectInvalid(o, "at most 50");
  o.namespace_ = "bench-2";
  EXPECT_TRUE(o.Validate().ok());
}

TEST(LoadgenOptionsTest, OpsOrDuration) {
  LoadgenOptions o = Server();
  o.ops_per_phase = 50;
  ASSERT_TRUE(o.Validate().ok());
  EXPECT_EQ(o.duration(), std::nullopt);
  EXPECT_EQ(o.total_ops(), 50);
  o = Server();
  o.duration_seconds = 2.5;
  ASSERT_TRUE(o.Validate().ok());
  EXPECT_EQ(o.duration(), std::chrono::milliseconds(2500));
}

struct MainRun {
  int code;
  std::string out;
  std::string err;
};

MainRun Main(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = LoadgenMain(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(LoadgenMainTest, CommaListsParse) {
  LoadgenOptions options;
  CLI::App app;
  options.AddFlags(app);
  std::vector<std::string> args = {"--op",   "create,get,list-100", "--clients", "1,8,32",
                                   "--etcd", "http://127.0.0.1:1"};
  std::reverse(args.begin(), args.end());
  app.parse(args);
  EXPECT_EQ(options.ops, (std::vector<std::string>{"create", "get", "list-100"}));
  EXPECT_EQ(options.clients, (std::vector<int>{1, 8, 32}));
  EXPECT_EQ(options.op_kinds(),
            (std::vector<OpKind>{OpKind::kCreate, OpKind::kGet, OpKind::kList100}));
}

TEST(LoadgenMainTest, BadFlagsExitTwoWithTheReason) {
  MainRun unknown = Main({"--bogus"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("--bogus"), std::string::npos) << unknown.err;

  MainRun not_a_number = Main({"--etcd", "http://127.0.0.1:1", "--op", "get", "--clients", "many"});
  EXPECT_EQ(not_a_number.code, 2);

  MainRun invalid = Main({"--etcd", "http://127.0.0.1:1", "--op", "watch"});
  EXPECT_EQ(invalid.code, 2);
  EXPECT_NE(invalid.err.find("needs an API server"), std::string::npos) << invalid.err;

  MainRun missing_kubeconfig = Main({"--kubeconfig", "/nonexistent/kubeconfig", "--op", "get"});
  EXPECT_EQ(missing_kubeconfig.code, 2);
  EXPECT_NE(missing_kubeconfig.err.find("/nonexistent/kubeconfig"), std::string::npos)
      << missing_kubeconfig.err;

  MainRun no_process =
      Main({"--etcd", "http://127.0.0.1:1", "--op", "get", "--server-pid", "999999999"});
  EXPECT_EQ(no_process.code, 2);
  EXPECT_NE(no_process.err.find("--server-pid"), std::string::npos) << no_process.err;
  EXPECT_TRUE(no_process.out.empty());
}

TEST(LoadgenMainTest, HelpExitsZero) {
  MainRun help = Main({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--value-bytes"), std::string::npos);
}

}  // namespace
}  // namespace navigator::bench::loadgen
