#include "navigator/api/navigator/validation/version_validation.h"

#include <gtest/gtest.h>

#include "navigator/api/navigator/validation/validation_test_util.h"

namespace navigator::api {
namespace {

using testing_util::Strings;
using testing_util::Version;

const FieldPath kPath = FieldPath("spec").Child("version");

struct CreateCase {
  std::string json;  // the spec.version value as JSON
  std::vector<std::string> errors;
};

constexpr char kEsRange[] = "supported versions are >= 5.0.0, < 9.0.0";
constexpr char kCassRange[] = "supported versions are >= 3.11, < 5.1";

class ElasticsearchVersionTest : public testing::TestWithParam<CreateCase> {};
TEST_P(ElasticsearchVersionTest, Validates) {
  EXPECT_EQ(Strings(ValidateElasticsearchVersion(Version<Semver>(GetParam().json), kPath)),
            GetParam().errors)
      << GetParam().json;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, ElasticsearchVersionTest,
    testing::Values(
        CreateCase{R"("5.6.2")", {}}, CreateCase{R"("5.0.0")", {}}, CreateCase{R"("6.8.23")", {}},
        CreateCase{R"("8.99.99")", {}}, CreateCase{R"("05.6.2")", {}},
        CreateCase{R"("5.6.2+build.1")", {}},
        CreateCase{"null", {"spec.version: Required value: must be a semver version"}},
        CreateCase{R"("")", {"spec.version: Required value: must be a semver version"}},
        CreateCase{R"("5.6")",
                   {"spec.version: Invalid value: \"5.6\": must be a semver version of the form "
                    "MAJOR.MINOR.PATCH"}},
        CreateCase{R"("v5.6.2")",
                   {"spec.version: Invalid value: \"v5.6.2\": must be a semver version of the "
                    "form MAJOR.MINOR.PATCH"}},
        CreateCase{R"("5.6.2.1")",
                   {"spec.version: Invalid value: \"5.6.2.1\": must be a semver version of the "
                    "form MAJOR.MINOR.PATCH"}},
        CreateCase{"5.6",
                   {"spec.version: Invalid value: 5.6: must be a quoted string holding a semver "
                    "version of the form MAJOR.MINOR.PATCH"}},
        CreateCase{"true",
                   {"spec.version: Invalid value: true: must be a quoted string holding a semver "
                    "version of the form MAJOR.MINOR.PATCH"}},
        CreateCase{
            R"("2.0.0")",
            {std::string("spec.version: Forbidden: \"2.0.0\" is not supported: ") + kEsRange}},
        CreateCase{
            R"("4.9.9")",
            {std::string("spec.version: Forbidden: \"4.9.9\" is not supported: ") + kEsRange}},
        CreateCase{
            R"("9.0.0")",
            {std::string("spec.version: Forbidden: \"9.0.0\" is not supported: ") + kEsRange}},
        CreateCase{
            R"("0.0.0")",
            {std::string("spec.version: Forbidden: \"0.0.0\" is not supported: ") + kEsRange}},
        CreateCase{R"("6.8.0-rc1")",
                   {std::string("spec.version: Forbidden: \"6.8.0-rc1\" is not supported: ") +
                    kEsRange}}));

class CassandraVersionTest : public testing::TestWithParam<CreateCase> {};
TEST_P(CassandraVersionTest, Validates) {
  EXPECT_EQ(Strings(ValidateCassandraVersion(Version<LenientVersion>(GetParam().json), kPath)),
            GetParam().errors)
      << GetParam().json;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, CassandraVersionTest,
    testing::Values(
        CreateCase{R"("3.11")", {}}, CreateCase{R"("3.11.2")", {}}, CreateCase{R"("3.12")", {}},
        CreateCase{R"("v3.11.4")", {}}, CreateCase{R"("4.0.0")", {}}, CreateCase{R"("4.1")", {}},
        CreateCase{R"("5.0.7")", {}}, CreateCase{R"("5.0.99.1")", {}},
        CreateCase{"null",
                   {"spec.version: Required value: must be a version of the form "
                    "MAJOR[.MINOR[.PATCH]]"}},
        CreateCase{R"("")",
                   {"spec.version: Required value: must be a version of the form "
                    "MAJOR[.MINOR[.PATCH]]"}},
        CreateCase{R"("X.Y-foo+bar")",
                   {"spec.version: Invalid value: \"X.Y-foo+bar\": must be a version of the form "
                    "MAJOR[.MINOR[.PATCH]]"}},
        CreateCase{R"("0.0.x")",
                   {"spec.version: Invalid value: \"0.0.x\": must be a version of the form "
                    "MAJOR[.MINOR[.PATCH]]"}},
        CreateCase{"3.11",
                   {"spec.version: Invalid value: 3.11: must be a quoted string holding a version "
                    "of the form MAJOR[.MINOR[.PATCH]]"}},
        CreateCase{
            R"("2.0.0")",
            {std::string("spec.version: Forbidden: \"2.0.0\" is not supported: ") + kCassRange}},
        CreateCase{R"("3")",
                   {std::string("spec.version: Forbidden: \"3\" is not supported: ") + kCassRange}},
        CreateCase{
            R"("3.10.9")",
            {std::string("spec.version: Forbidden: \"3.10.9\" is not supported: ") + kCassRange}},
        CreateCase{
            R"("5.1")",
            {std::string("spec.version: Forbidden: \"5.1\" is not supported: ") + kCassRange}},
        CreateCase{R"("3.11.2-beta1")",
                   {std::string("spec.version: Forbidden: \"3.11.2-beta1\" is not supported: ") +
                    kCassRange}}));

struct UpdateCase {
  std::string old_json;
  std::string new_json;
  std::vector<std::string> errors;
};

std::string Downgrade(std::string_view from, std::string_view to) {
  return "spec.version: Forbidden: cannot downgrade from " + std::string(from) + " to " +
         std::string(to) + ": data written by a newer version cannot be read by an older one";
}

class ElasticsearchVersionUpdateTest : public testing::TestWithParam<UpdateCase> {};
TEST_P(ElasticsearchVersionUpdateTest, OnlyMovesForward) {
  EXPECT_EQ(Strings(ValidateElasticsearchVersionUpdate(
                Version<Semver>(GetParam().old_json), Version<Semver>(GetParam().new_json), kPath)),
            GetParam().errors)
      << GetParam().old_json << " -> " << GetParam().new_json;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, ElasticsearchVersionUpdateTest,
    testing::Values(UpdateCase{R"("5.6.2")", R"("5.6.2")", {}},
                    UpdateCase{R"("5.6.2")", R"("6.8.0")", {}},
                    UpdateCase{R"("5.6.2")", R"("8.0.0")", {}},  // no line-skip rule for ES
                    UpdateCase{R"("5.6.2+a")", R"("5.6.2+b")", {}},
                    UpdateCase{R"("6.8.0-rc1")", R"("6.8.0")", {}},
                    UpdateCase{R"("6.8.0")", R"("5.6.2")", {Downgrade("6.8.0", "5.6.2")}},
                    UpdateCase{R"("6.8.0")", R"("6.8.0-rc1")", {Downgrade("6.8.0", "6.8.0-rc1")}},
                    UpdateCase{R"("06.8.0")", R"("5.6.2")", {Downgrade("6.8.0", "5.6.2")}},
                    UpdateCase{R"("5.6")", R"("5.6.2")", {}},  // old unreadable: no rule
                    UpdateCase{R"("6.8.0")", R"("5.6")", {}},  // new malformed: create reports
                    UpdateCase{"null", R"("5.6.2")", {}}));

class CassandraVersionUpdateTest : public testing::TestWithParam<UpdateCase> {};
TEST_P(CassandraVersionUpdateTest, UpgradesOneLineAtATime) {
  EXPECT_EQ(
      Strings(ValidateCassandraVersionUpdate(Version<LenientVersion>(GetParam().old_json),
                                             Version<LenientVersion>(GetParam().new_json), kPath)),
      GetParam().errors)
      << GetParam().old_json << " -> " << GetParam().new_json;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, CassandraVersionUpdateTest,
    testing::Values(
        UpdateCase{R"("3.11.1")", R"("3.11.2")", {}}, UpdateCase{R"("3.11")", R"("3.11.0")", {}},
        UpdateCase{R"("3.11.0")", R"("3.11")", {}}, UpdateCase{R"("3.11.2")", R"("3.12")", {}},
        UpdateCase{R"("3.11.4")", R"("4.0.0")", {}}, UpdateCase{R"("3.12")", R"("4.0.1")", {}},
        UpdateCase{R"("4.0.5")", R"("4.1.0")", {}}, UpdateCase{R"("4.1.3")", R"("5.0.0")", {}},
        UpdateCase{R"("3.11.2")", R"("3.11.1")", {Downgrade("3.11.2", "3.11.1")}},
        UpdateCase{R"("4.1.0")", R"("4.0.0")", {Downgrade("4.1.0", "4.0.0")}},
        UpdateCase{R"("3.11")", R"("3.10.0")", {Downgrade("3.11", "3.10.0")}},
        UpdateCase{R"("5.0.0")", R"("3.11.4")", {Downgrade("5.0.0", "3.11.4")}},
        UpdateCase{R"("3.11.4")",
                   R"("4.1.0")",
                   {"spec.version: Forbidden: cannot upgrade from 3.11.4 to 4.1.0 in one step: "
                    "upgrade to 4.0 first"}},
        UpdateCase{R"("3.11.4")",
                   R"("5.0.0")",
                   {"spec.version: Forbidden: cannot upgrade from 3.11.4 to 5.0.0 in one step: "
                    "upgrade to 4.0 first"}},
        UpdateCase{R"("4.0.5")",
                   R"("5.0.1")",
                   {"spec.version: Forbidden: cannot upgrade from 4.0.5 to 5.0.1 in one step: "
                    "upgrade to 4.1 first"}},
        UpdateCase{R"("2.2.0")",
                   R"("4.0.0")",
                   {"spec.version: Forbidden: cannot upgrade from 2.2.0 to 4.0.0 in one step: "
                    "upgrade to 3.11 first"}},
        UpdateCase{R"("3.11")", R"("X.Y")", {}},  // new malformed: create reports
        UpdateCase{"null", R"("5.0.0")", {}}));

}  // namespace
}  // namespace navigator::api
