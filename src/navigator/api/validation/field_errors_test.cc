#include "navigator/api/validation/field_errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::api {
namespace {

using testing::ElementsAre;

TEST(FieldPathTest, JoinsChildrenIndexesAndKeys) {
  const FieldPath spec("spec");
  EXPECT_EQ(spec.Child("nodePools").Index(1).Child("roles").Index(0).String(),
            "spec.nodePools[1].roles[0]");
  EXPECT_EQ(FieldPath("metadata").Child("labels").Key("app").String(), "metadata.labels[app]");
  EXPECT_EQ(FieldPath().Child("spec").String(), "spec");
  EXPECT_EQ(spec.String(), "spec");  // builders never modify the receiver
}

TEST(FieldValueTest, RendersLikeGoFieldError) {
  EXPECT_EQ(FieldValue("foo").rendered(), "\"foo\"");
  EXPECT_EQ(FieldValue(std::string("a\"b")).rendered(), R"("a\"b")");
  EXPECT_EQ(FieldValue(std::string_view("")).rendered(), "\"\"");
  EXPECT_EQ(FieldValue(-1).rendered(), "-1");
  EXPECT_EQ(FieldValue(int64_t{9000000000}).rendered(), "9000000000");
  EXPECT_EQ(FieldValue(int32_t{0}).rendered(), "0");
  EXPECT_EQ(FieldValue(true).rendered(), "true");
  EXPECT_EQ(FieldValue(false).rendered(), "false");
  EXPECT_EQ(FieldValue::Verbatim("[\"a\",\"b\"]").rendered(), "[\"a\",\"b\"]");
}

TEST(FieldErrorListTest, EachBuilderProducesTheKubernetesCause) {
  const FieldPath pool = FieldPath("spec").Child("nodePools").Index(1);
  FieldErrorList errs;
  errs.Required(pool.Child("roles"), "at least one role must be specified");
  errs.Required(FieldPath("metadata").Child("namespace"));
  errs.Invalid(pool.Child("replicas"), -1, "must be greater than or equal to 0");
  errs.Invalid(pool.Child("name"), "Foo", "");
  errs.NotSupported(pool.Child("roles").Index(0), "foo", {"data", "ingest", "master"});
  errs.NotSupported(pool.Child("roles").Index(1), "bar", std::span<const std::string_view>());
  errs.Forbidden(FieldPath("spec").Child("version"), "not allowed");
  errs.Forbidden(FieldPath("spec"), "");
  errs.Duplicate(pool.Child("name"), "test");
  errs.TooLong(FieldPath("metadata").Child("annotations"), 262144);

  ASSERT_EQ(errs.size(), 10u);
  EXPECT_EQ(errs[0], (StatusCause{"FieldValueRequired",
                                  "Required value: at least one role must be specified",
                                  "spec.nodePools[1].roles"}));
  EXPECT_EQ(errs[1], (StatusCause{"FieldValueRequired", "Required value", "metadata.namespace"}));
  EXPECT_EQ(errs[2], (StatusCause{"FieldValueInvalid",
                                  "Invalid value: -1: must be greater than or equal to 0",
                                  "spec.nodePools[1].replicas"}));
  EXPECT_EQ(errs[3],
            (StatusCause{"FieldValueInvalid", "Invalid value: \"Foo\"", "spec.nodePools[1].name"}));
  EXPECT_EQ(
      errs[4],
      (StatusCause{"FieldValueNotSupported",
                   R"(Unsupported value: "foo": supported values: "data", "ingest", "master")",
                   "spec.nodePools[1].roles[0]"}));
  EXPECT_EQ(errs[5], (StatusCause{"FieldValueNotSupported", R"(Unsupported value: "bar")",
                                  "spec.nodePools[1].roles[1]"}));
  EXPECT_EQ(errs[6],
            (StatusCause{"FieldValueForbidden", "Forbidden: not allowed", "spec.version"}));
  EXPECT_EQ(errs[7], (StatusCause{"FieldValueForbidden", "Forbidden", "spec"}));
  EXPECT_EQ(errs[8], (StatusCause{"FieldValueDuplicate", R"(Duplicate value: "test")",
                                  "spec.nodePools[1].name"}));
  EXPECT_EQ(errs[9],
            (StatusCause{"FieldValueTooLong", "Too long: must have at most 262144 characters",
                         "metadata.annotations"}));
}

TEST(FieldErrorListTest, AppendKeepsOrder) {
  FieldErrorList a;
  a.Required(FieldPath("a"));
  FieldErrorList b;
  b.Required(FieldPath("b"));
  b.Required(FieldPath("c"));
  a.Append(b);
  std::vector<std::string> fields;
  for (const StatusCause& c : a) fields.push_back(c.field);
  EXPECT_THAT(fields, ElementsAre("a", "b", "c"));
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(FieldErrorList().empty());
}

TEST(FieldErrorStringTest, IsFieldColonBody) {
  FieldErrorList errs;
  errs.Required(FieldPath("spec").Child("version"), "must be a semver version");
  EXPECT_EQ(FieldErrorString(errs[0]), "spec.version: Required value: must be a semver version");
}

TEST(ToInvalidStatusTest, OneErrorIsShownAlone) {
  FieldErrorList errs;
  errs.Required(FieldPath("spec").Child("version"), "must be a semver version");
  const Status s = ToInvalidStatus("ElasticsearchCluster", "demo", errs);
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_EQ(HttpStatus(s.code()), 422);
  EXPECT_EQ(s.message(),
            "ElasticsearchCluster.navigator.jetstack.io \"demo\" is invalid: spec.version: "
            "Required value: must be a semver version");
  EXPECT_EQ(s.details().name, "demo");
  EXPECT_EQ(s.details().group, "navigator.jetstack.io");
  EXPECT_EQ(s.details().kind, "ElasticsearchCluster");
  EXPECT_EQ(s.details().causes, errs.causes());
}

TEST(ToInvalidStatusTest, SeveralErrorsAreBracketedInOrder) {
  FieldErrorList errs;
  errs.Invalid(FieldPath("spec").Child("nodePools").Index(0).Child("replicas"), -1,
               "must be greater than or equal to 0");
  errs.NotSupported(FieldPath("spec").Child("nodePools").Index(0).Child("roles").Index(0), "foo",
                    {"data", "ingest", "master"});
  const Status s = ToInvalidStatus("CassandraCluster", "cass", errs);
  EXPECT_EQ(s.message(),
            "CassandraCluster.navigator.jetstack.io \"cass\" is invalid: "
            "[spec.nodePools[0].replicas: Invalid value: -1: must be greater than or equal to 0, "
            "spec.nodePools[0].roles[0]: Unsupported value: \"foo\": supported values: \"data\", "
            "\"ingest\", \"master\"]");
  EXPECT_EQ(s.details().causes.size(), 2u);
}

TEST(ToInvalidStatusTest, RepeatedTextsAppearOnceInTheMessageButEveryCauseIsKept) {
  FieldErrorList errs;
  errs.Required(FieldPath("a"));
  errs.Required(FieldPath("a"));
  const Status s = ToInvalidStatus("Pilot", "p", errs);
  EXPECT_EQ(s.message(), "Pilot.navigator.jetstack.io \"p\" is invalid: a: Required value");
  EXPECT_EQ(s.details().causes.size(), 2u);
}

TEST(ToInvalidStatusTest, QuotesTheNameAsGoDoes) {
  FieldErrorList errs;
  errs.Required(FieldPath("metadata").Child("name"), "name or generateName is required");
  EXPECT_EQ(ToInvalidStatus("Pilot", "", errs).message(),
            "Pilot.navigator.jetstack.io \"\" is invalid: metadata.name: Required value: name or "
            "generateName is required");
  EXPECT_EQ(ToInvalidStatus("Pilot", "a\"b", errs, "example.com").message(),
            "Pilot.example.com \"a\\\"b\" is invalid: metadata.name: Required value: name or "
            "generateName is required");
}

TEST(ToInvalidStatusTest, NoErrorsIsOk) {
  EXPECT_TRUE(ToInvalidStatus("Pilot", "p", FieldErrorList()).ok());
}

}  // namespace
}  // namespace navigator::api
