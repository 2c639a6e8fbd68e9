#include "navigator/api/navigator/validation/cluster_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/api/navigator/validation/validation_test_util.h"

namespace navigator::api {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;
using testing_util::Q;
using testing_util::Strings;

const ImageSpec kValidImage{"something", "latest", "IfNotPresent"};

struct ImageCase {
  std::string name;
  ImageSpec image;
  std::vector<std::string> errors;
};
class ImageSpecTest : public testing::TestWithParam<ImageCase> {};
TEST_P(ImageSpecTest, Validates) {
  EXPECT_EQ(Strings(ValidateImageSpec(GetParam().image, FieldPath("spec").Child("image"))),
            GetParam().errors);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, ImageSpecTest,
    testing::Values(
        ImageCase{"Valid", kValidImage, {}},
        ImageCase{"Never", {"something", "latest", "Never"}, {}},
        ImageCase{"IfNotPresent", {"something", "latest", "IfNotPresent"}, {}},
        ImageCase{"Always", {"something", "latest", "Always"}, {}},
        ImageCase{"Empty",
                  {},
                  {"spec.image.tag: Required value", "spec.image.repository: Required value",
                   "spec.image.pullPolicy: Unsupported value: \"\": supported values: \"Never\", "
                   "\"IfNotPresent\", \"Always\""}},
        ImageCase{"MissingRepository",
                  {"", "latest", "IfNotPresent"},
                  {"spec.image.repository: Required value"}},
        ImageCase{
            "MissingTag", {"something", "", "IfNotPresent"}, {"spec.image.tag: Required value"}},
        ImageCase{"InvalidPullPolicy",
                  {"something", "latest", "invalid"},
                  {"spec.image.pullPolicy: Unsupported value: \"invalid\": supported values: "
                   "\"Never\", \"IfNotPresent\", \"Always\""}},
        ImageCase{"MissingPullPolicy",
                  {"something", "latest", ""},
                  {"spec.image.pullPolicy: Unsupported value: \"\": supported values: \"Never\", "
                   "\"IfNotPresent\", \"Always\""}},
        ImageCase{"PullPolicyIsCaseSensitive",
                  {"something", "latest", "always"},
                  {"spec.image.pullPolicy: Unsupported value: \"always\": supported values: "
                   "\"Never\", \"IfNotPresent\", \"Always\""}}),
    [](const auto& info) { return info.param.name; });

TEST(ImageSpecTest, CauseTypes) {
  const auto errs = ValidateImageSpec({}, FieldPath("spec").Child("image"));
  ASSERT_EQ(errs.size(), 3u);
  EXPECT_EQ(errs[0].type, "FieldValueRequired");
  EXPECT_EQ(errs[1].type, "FieldValueRequired");
  EXPECT_EQ(errs[2].type, "FieldValueNotSupported");
}

struct ConfigCase {
  std::string name;
  NavigatorClusterConfig config;
  std::vector<std::string> errors;
};
class ClusterConfigTest : public testing::TestWithParam<ConfigCase> {};
TEST_P(ClusterConfigTest, Validates) {
  EXPECT_EQ(Strings(ValidateNavigatorClusterConfig(GetParam().config, FieldPath("spec"))),
            GetParam().errors);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, ClusterConfigTest,
    testing::Values(
        ConfigCase{"Valid", {kValidImage, {}, false}, {}},
        ConfigCase{"PausedIsFree", {kValidImage, {}, true}, {}},
        ConfigCase{"RunAsUserZero", {kValidImage, {0}, false}, {}},
        ConfigCase{"RunAsUser1000", {kValidImage, {1000}, false}, {}},
        ConfigCase{
            "EmptyPilotImage",
            {},
            {"spec.pilotImage.tag: Required value", "spec.pilotImage.repository: Required value",
             "spec.pilotImage.pullPolicy: Unsupported value: \"\": supported values: "
             "\"Never\", \"IfNotPresent\", \"Always\""}},
        ConfigCase{"PilotImageMissingRepository",
                   {{"", "latest", "IfNotPresent"}, {}, false},
                   {"spec.pilotImage.repository: Required value"}},
        ConfigCase{"PilotImageMissingTag",
                   {{"something", "", "IfNotPresent"}, {}, false},
                   {"spec.pilotImage.tag: Required value"}},
        ConfigCase{"PilotImageBadPullPolicy",
                   {{"something", "latest", "Sometimes"}, {}, false},
                   {"spec.pilotImage.pullPolicy: Unsupported value: \"Sometimes\": supported "
                    "values: \"Never\", \"IfNotPresent\", \"Always\""}},
        ConfigCase{"NegativeRunAsUser",
                   {kValidImage, {-1}, false},
                   {"spec.securityContext.runAsUser: Invalid value: -1: must be non-negative"}},
        ConfigCase{
            "EverythingWrong",
            {{"", "", "x"}, {-5}, false},
            {"spec.pilotImage.tag: Required value", "spec.pilotImage.repository: Required value",
             "spec.pilotImage.pullPolicy: Unsupported value: \"x\": supported values: "
             "\"Never\", \"IfNotPresent\", \"Always\"",
             "spec.securityContext.runAsUser: Invalid value: -5: must be non-negative"}}),
    [](const auto& info) { return info.param.name; });

struct PersistenceCase {
  std::string name;
  std::string size;  // "" leaves the zero quantity
  std::optional<std::string> storage_class;
  std::vector<std::string> errors;
  std::optional<bool> enabled = std::nullopt;
};
class PersistenceTest : public testing::TestWithParam<PersistenceCase> {};
TEST_P(PersistenceTest, Validates) {
  PersistenceConfig p;
  if (!GetParam().size.empty()) p.size = Q(GetParam().size);
  p.storage_class = GetParam().storage_class;
  p.enabled = GetParam().enabled;
  const FieldPath path = FieldPath("spec").Child("nodePools").Index(0).Child("persistence");
  EXPECT_EQ(Strings(ValidatePersistenceConfig(p, path)), GetParam().errors);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, PersistenceTest,
    testing::Values(
        PersistenceCase{"SizeOnly", "10Gi", std::nullopt, {}},
        PersistenceCase{"SizeAndStorageClass", "10Gi", "fast", {}},
        PersistenceCase{"TinyButPositive", "1m", std::nullopt, {}},
        PersistenceCase{"EnabledTrueFromTheOriginalDocs", "10Gi", std::nullopt, {}, true},
        PersistenceCase{"EnabledFalse",
                        "10Gi",
                        std::nullopt,
                        {"spec.nodePools[0].persistence.enabled: Invalid value: false: "
                         "persistence is on whenever this block is present: remove the block "
                         "instead"},
                        false},
        PersistenceCase{
            "NoSize", "", std::nullopt, {"spec.nodePools[0].persistence.size: Required value"}},
        PersistenceCase{
            "ExplicitZero", "0Gi", "fast", {"spec.nodePools[0].persistence.size: Required value"}},
        PersistenceCase{"NegativeBinarySI",
                        "-1Gi",
                        std::nullopt,
                        {"spec.nodePools[0].persistence.size: Invalid value: \"-1Gi\": must be "
                         "greater than zero"}},
        PersistenceCase{"NegativeOne",
                        "-1",
                        std::nullopt,
                        {"spec.nodePools[0].persistence.size: Invalid value: \"-1\": must be "
                         "greater than zero"}}),
    [](const auto& info) { return info.param.name; });

TEST(ReplicasTest, ZeroAndUnsetAreAllowed) {
  const FieldPath path("spec.nodePools[0].replicas");
  EXPECT_THAT(Strings(ValidateReplicas(std::nullopt, path)), IsEmpty());
  EXPECT_THAT(Strings(ValidateReplicas(0, path)), IsEmpty());
  EXPECT_THAT(Strings(ValidateReplicas(5, path)), IsEmpty());
  EXPECT_THAT(Strings(ValidateReplicas(-1, path)),
              ElementsAre("spec.nodePools[0].replicas: Invalid value: -1: must be greater than or "
                          "equal to 0"));
}

TEST(SemanticEqualTest, QuantitiesCompareByValue) {
  EXPECT_TRUE(SemanticEqual(PersistenceConfig{Q("10Gi"), std::nullopt},
                            PersistenceConfig{Q("10240Mi"), std::nullopt}));
  EXPECT_FALSE(SemanticEqual(PersistenceConfig{Q("10Gi"), std::nullopt},
                             PersistenceConfig{Q("10G"), std::nullopt}));
  EXPECT_FALSE(SemanticEqual(PersistenceConfig{Q("10Gi"), std::nullopt},
                             PersistenceConfig{Q("10Gi"), "fast"}));
  EXPECT_TRUE(SemanticEqual(std::optional<PersistenceConfig>(), std::nullopt));
  EXPECT_FALSE(
      SemanticEqual(std::optional<PersistenceConfig>(PersistenceConfig{Q("1Gi")}), std::nullopt));

  ResourceRequirements a;
  a.requests = {{"cpu", Q("500m")}, {"memory", Q("1Gi")}};
  ResourceRequirements b;
  b.requests = {{"cpu", Q("0.5")}, {"memory", Q("1024Mi")}};
  EXPECT_TRUE(SemanticEqual(a, b));
  b.limits = {{"cpu", Q("1")}};
  EXPECT_FALSE(SemanticEqual(a, b));
  EXPECT_TRUE(SemanticEqual(ResourceRequirements{}, ResourceRequirements{}));
}

struct PersistenceUpdateCase {
  std::string name;
  std::optional<PersistenceConfig> old_p;
  std::optional<PersistenceConfig> new_p;
  bool forbidden;
};
class PersistenceUpdateTest : public testing::TestWithParam<PersistenceUpdateCase> {};
TEST_P(PersistenceUpdateTest, OnlySwitchingOnIsAllowed) {
  const FieldPath pool = FieldPath("spec").Child("nodePools").Index(2);
  const auto errs = Strings(ValidateNodePoolUpdate(GetParam().old_p, GetParam().new_p, {}, pool));
  if (GetParam().forbidden) {
    EXPECT_THAT(errs, ElementsAre("spec.nodePools[2].persistence: Forbidden: cannot modify "
                                  "persistence configuration once enabled"));
  } else {
    EXPECT_THAT(errs, IsEmpty());
  }
}
INSTANTIATE_TEST_SUITE_P(
    Cases, PersistenceUpdateTest,
    testing::Values(
        PersistenceUpdateCase{"StaysOff", std::nullopt, std::nullopt, false},
        PersistenceUpdateCase{"Enabled", std::nullopt, PersistenceConfig{Q("10Gi")}, false},
        PersistenceUpdateCase{"Unchanged", PersistenceConfig{Q("10Gi")},
                              PersistenceConfig{Q("10Gi")}, false},
        PersistenceUpdateCase{"RewrittenSameValue", PersistenceConfig{Q("10Gi")},
                              PersistenceConfig{Q("10240Mi")}, false},
        PersistenceUpdateCase{"Disabled", PersistenceConfig{Q("10Gi")}, std::nullopt, true},
        PersistenceUpdateCase{"IncreasedSize", PersistenceConfig{Q("10Gi")},
                              PersistenceConfig{Q("25Gi")}, true},
        PersistenceUpdateCase{"DecreasedSize", PersistenceConfig{Q("10Gi")},
                              PersistenceConfig{Q("5Gi")}, true},
        PersistenceUpdateCase{"StorageClassSet", PersistenceConfig{Q("10Gi")},
                              PersistenceConfig{Q("10Gi"), "fast"}, true},
        PersistenceUpdateCase{"StorageClassChanged", PersistenceConfig{Q("10Gi"), "slow"},
                              PersistenceConfig{Q("10Gi"), "fast"}, true}),
    [](const auto& info) { return info.param.name; });

TEST(NodePoolUpdateTest, NamesEveryChangedFieldAtThePoolPath) {
  const FieldPath pool = FieldPath("spec").Child("nodePools").Index(1);
  EXPECT_THAT(Strings(ValidateNodePoolUpdate(std::nullopt, std::nullopt, {"roles"}, pool)),
              ElementsAre("spec.nodePools[1]: Forbidden: updates to node pool fields other than "
                          "'replicas' and 'persistence' are forbidden (changed: roles)"));
  EXPECT_THAT(
      Strings(ValidateNodePoolUpdate(PersistenceConfig{Q("1Gi")}, std::nullopt,
                                     {"roles", "nodeSelector"}, pool)),
      ElementsAre("spec.nodePools[1].persistence: Forbidden: cannot modify persistence "
                  "configuration once enabled",
                  "spec.nodePools[1]: Forbidden: updates to node pool fields other than "
                  "'replicas' and 'persistence' are forbidden (changed: roles, nodeSelector)"));
}

TEST(DowngradeErrorTest, SaysWhy) {
  FieldErrorList errs;
  AddDowngradeError("6.8.0", "5.6.2", FieldPath("spec").Child("version"), errs);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].type, "FieldValueForbidden");
  EXPECT_EQ(FieldErrorString(errs[0]),
            "spec.version: Forbidden: cannot downgrade from 6.8.0 to 5.6.2: data written by a "
            "newer version cannot be read by an older one");
}

}  // namespace
}  // namespace navigator::api
