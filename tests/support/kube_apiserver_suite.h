#pragma once

// KubeApiServerSuite: a GoogleTest fixture base with one real kube-apiserver
// (and its etcd) per test suite, since starting one takes seconds, and an
// admin RestClient to it. Every test skips when kube-apiserver is not built
// (NAVIGATOR_TEST_BIN_DIR without it).
//
//   class MyControlPlaneTest : public test_support::KubeApiServerSuite {
//    protected:
//     static void SetUpTestSuite() {
//       KubeApiServerSuite::SetUpTestSuite();
//       if (!Started()) return;
//       ...  // suite-wide objects, through admin()
//     }
//   };
//
// A derived suite that adds its own SetUpTestSuite/TearDownTestSuite must
// call the base's. Threading: server() and admin() may be used from any test
// thread; the suite's objects live from SetUpTestSuite to TearDownTestSuite.
// Header-only: only test binaries (which link GoogleTest) include it.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "navigator/base/result.h"
#include "navigator/client/rest_client.h"
#include "tests/support/kube_apiserver.h"

namespace navigator::test_support {

class KubeApiServerSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!TestBinary("kube-apiserver").ok()) return;
    Result<std::unique_ptr<KubeApiServer>> server = KubeApiServer::Create();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    Result<std::unique_ptr<client::RestClient>> rest =
        client::NewRestClient(server_->admin_config());
    ASSERT_TRUE(rest.ok()) << rest.status().ToString();
    admin_ = std::move(*rest);
  }
  static void TearDownTestSuite() {
    admin_.reset();
    server_.reset();
  }
  void SetUp() override {
    if (Result<std::string> binary = TestBinary("kube-apiserver"); !binary.ok()) {
      GTEST_SKIP() << binary.status().message();
    }
    ASSERT_TRUE(Started()) << "the suite's kube-apiserver did not start";
  }

  // True once SetUpTestSuite started kube-apiserver and connected.
  static bool Started() { return admin_ != nullptr; }
  static KubeApiServer& server() { return *server_; }
  // HTTPS to kube-apiserver as system:masters.
  static client::RestClient& admin() { return *admin_; }

 private:
  static inline std::unique_ptr<KubeApiServer> server_;
  static inline std::unique_ptr<client::RestClient> admin_;
};

}  // namespace navigator::test_support
