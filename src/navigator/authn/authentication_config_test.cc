#include "navigator/authn/authentication_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace navigator::authn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// As kube-apiserver 1.36 writes it (PEM shortened).
constexpr std::string_view kConfigMap = R"({
  "apiVersion": "v1", "kind": "ConfigMap",
  "metadata": {"name": "extension-apiserver-authentication", "namespace": "kube-system",
               "resourceVersion": "42"},
  "data": {
    "client-ca-file": "-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n",
    "requestheader-client-ca-file": "-----BEGIN CERTIFICATE-----\nproxy\n-----END CERTIFICATE-----\n",
    "requestheader-allowed-names": "[\"front-proxy-client\",\"aggregator\"]",
    "requestheader-username-headers": "[\"X-Remote-User\"]",
    "requestheader-uid-headers": "[]",
    "requestheader-group-headers": "[\"X-Remote-Group\"]",
    "requestheader-extra-headers-prefix": "[\"X-Remote-Extra-\"]"
  }})";

TEST(AuthenticationConfigTest, ReadsKubeApiserversConfigMap) {
  auto config = ParseAuthenticationConfigMap(kConfigMap);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->client_ca_pem,
            "-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(config->requestheader_client_ca_pem,
            "-----BEGIN CERTIFICATE-----\nproxy\n-----END CERTIFICATE-----\n");
  EXPECT_THAT(config->requestheader_allowed_names, ElementsAre("front-proxy-client", "aggregator"));
  EXPECT_THAT(config->requestheader_username_headers, ElementsAre("X-Remote-User"));
  EXPECT_THAT(config->requestheader_uid_headers, IsEmpty());
  EXPECT_THAT(config->requestheader_group_headers, ElementsAre("X-Remote-Group"));
  EXPECT_THAT(config->requestheader_extra_headers_prefix, ElementsAre("X-Remote-Extra-"));
}

TEST(AuthenticationConfigTest, AbsentEmptyAndNullValuesAreEmpty) {
  const std::vector<std::string> inputs = {
      R"({"kind":"ConfigMap"})",
      R"({"data":null})",
      R"({"data":{}})",
      R"({"data":{"client-ca-file":"","requestheader-allowed-names":"",)"
      R"("requestheader-username-headers":"null","requestheader-group-headers":null,)"
      R"("requestheader-extra-headers-prefix":" [ ] ","unrelated":"x"}})",
  };
  for (const std::string& input : inputs) {
    auto config = ParseAuthenticationConfigMap(input);
    ASSERT_TRUE(config.ok()) << input << ": " << config.status().ToString();
    EXPECT_EQ(*config, DelegatedAuthenticationConfig{}) << input;
  }
}

TEST(AuthenticationConfigTest, MalformedConfigMaps) {
  struct Case {
    std::string json;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "malformed JSON"},
      {"{\"data\":", "malformed JSON"},
      {"[]", "must be a JSON object"},
      {R"({"data":[]})", "data: must be an object"},
      {R"({"data":"x"})", "data: must be an object"},
      {R"({"data":{"client-ca-file":1}})", "data.client-ca-file: must be a string"},
      {R"({"data":{"requestheader-client-ca-file":{}}})",
       "data.requestheader-client-ca-file: must be a string"},
      {R"({"data":{"requestheader-allowed-names":["a"]}})",
       "data.requestheader-allowed-names: must be a string"},
      {R"({"data":{"requestheader-allowed-names":"a,b"}})",
       "data.requestheader-allowed-names (a JSON list of strings): malformed JSON"},
      {R"({"data":{"requestheader-username-headers":"\"X-Remote-User\""}})",
       "data.requestheader-username-headers: must be a list of strings"},
      {R"({"data":{"requestheader-group-headers":"[\"a\",1]"}})",
       "data.requestheader-group-headers[1]: must be a string"},
      {R"({"data":{"requestheader-extra-headers-prefix":"{}"}})",
       "data.requestheader-extra-headers-prefix: must be a list of strings"},
      {R"({"data":{"requestheader-uid-headers":"[\"a\"] x"}})",
       "data.requestheader-uid-headers (a JSON list of strings): malformed JSON"},
      {"{\"data\":{\"client-ca-file\":\"" + std::string(kMaxAuthenticationConfigMapBytes, 'a') +
           "\"}}",
       "bytes is more than"},
  };
  for (const Case& c : cases) {
    auto config = ParseAuthenticationConfigMap(c.json);
    ASSERT_FALSE(config.ok()) << c.json.substr(0, 100);
    EXPECT_EQ(config.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(config.status().message(),
                HasSubstr("ConfigMap kube-system/extension-apiserver-authentication: "));
    EXPECT_THAT(config.status().message(), HasSubstr(c.message)) << c.json.substr(0, 100);
  }
}

TEST(AuthenticationConfigTest, StaticFlagsWinOverTheConfigMap) {
  auto cluster = ParseAuthenticationConfigMap(kConfigMap);
  ASSERT_TRUE(cluster.ok());

  // No flags: the cluster's config.
  EXPECT_EQ(OverlayStaticAuthenticationConfig(*cluster, {}), *cluster);

  // --client-ca-file only.
  DelegatedAuthenticationConfig flags;
  flags.client_ca_pem = "flag client CA";
  flags.requestheader_allowed_names = {"ignored without --requestheader-client-ca-file"};
  DelegatedAuthenticationConfig merged = OverlayStaticAuthenticationConfig(*cluster, flags);
  EXPECT_EQ(merged.client_ca_pem, "flag client CA");
  EXPECT_EQ(merged.requestheader_client_ca_pem, cluster->requestheader_client_ca_pem);
  EXPECT_EQ(merged.requestheader_allowed_names, cluster->requestheader_allowed_names);

  // --requestheader-client-ca-file: the whole front-proxy part from flags.
  flags = {};
  flags.requestheader_client_ca_pem = "flag proxy CA";
  flags.requestheader_username_headers = {"X-User"};
  flags.requestheader_group_headers = {"X-Group"};
  merged = OverlayStaticAuthenticationConfig(*cluster, flags);
  EXPECT_EQ(merged.client_ca_pem, cluster->client_ca_pem);
  EXPECT_EQ(merged.requestheader_client_ca_pem, "flag proxy CA");
  EXPECT_THAT(merged.requestheader_allowed_names, IsEmpty());
  EXPECT_THAT(merged.requestheader_username_headers, ElementsAre("X-User"));
  EXPECT_THAT(merged.requestheader_group_headers, ElementsAre("X-Group"));
  EXPECT_THAT(merged.requestheader_extra_headers_prefix, IsEmpty());
}

}  // namespace
}  // namespace navigator::authn
