#include "navigator/apiserver/openapi_meta_schemas.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "navigator/api/meta/object_meta.h"

namespace navigator::apiserver {
namespace {

using api::Field;
using api::Inline;
using api::kOmitEmpty;

struct StatusCause {
  std::string reason, message, field;
  static constexpr std::string_view kJsonSchemaName =
      "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause";
  static constexpr std::string_view kJsonDescription = "One reason a request failed.";
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("reason", &StatusCause::reason, kOmitEmpty)
            .Doc("Machine-readable cause, such as FieldValueInvalid or FieldValueRequired."),
        Field("message", &StatusCause::message, kOmitEmpty)
            .Doc("Human-readable description of the cause."),
        Field("field", &StatusCause::field, kOmitEmpty)
            .Doc("Path of the field at fault, such as spec.nodePools[0].replicas."));
  }
};

struct StatusDetails {
  std::string name, group, kind, uid;
  std::vector<StatusCause> causes;
  int32_t retry_after_seconds = 0;
  static constexpr std::string_view kJsonSchemaName =
      "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails";
  static constexpr std::string_view kJsonDescription =
      "The object a failure concerns and, for invalid requests, every problem found.";
  static constexpr auto JsonFields() {
    using D = StatusDetails;
    return std::make_tuple(
        Field("name", &D::name, kOmitEmpty).Doc("Name of the object concerned."),
        Field("group", &D::group, kOmitEmpty).Doc("API group of the object concerned."),
        Field("kind", &D::kind, kOmitEmpty).Doc("Kind (or resource) of the object concerned."),
        Field("uid", &D::uid, kOmitEmpty).Doc("UID of the object concerned, when known."),
        Field("causes", &D::causes, kOmitEmpty)
            .Doc("Each problem found, with the field it concerns."),
        Field("retryAfterSeconds", &D::retry_after_seconds, kOmitEmpty)
            .Doc("Seconds to wait before retrying, for temporary failures."));
  }
};

struct Status {
  api::TypeMeta type_meta;
  api::ListMeta metadata;
  std::string status, message, reason;
  std::optional<StatusDetails> details;
  int32_t code = 0;
  static constexpr std::string_view kJsonSchemaName = kStatusSchema;
  static constexpr std::string_view kJsonDescription =
      "The result of a request that returns no object: every error, and some deletions.";
  static constexpr auto JsonFields() {
    using S = Status;
    return std::make_tuple(
        Inline(&S::type_meta), Field("metadata", &S::metadata).Doc("Standard list metadata."),
        Field("status", &S::status, kOmitEmpty).Doc("Success or Failure."),
        Field("message", &S::message, kOmitEmpty).Doc("Human-readable description of the result."),
        Field("reason", &S::reason, kOmitEmpty)
            .Doc("Machine-readable CamelCase reason of a failure, such as NotFound, "
                 "AlreadyExists, Conflict or Invalid."),
        Field("details", &S::details, kOmitEmpty)
            .Doc("More about the failure; its fields depend on the reason."),
        Field("code", &S::code, kOmitEmpty).Doc("The HTTP status code of the response."));
  }
};

struct Preconditions {
  std::optional<std::string> uid, resource_version;
  static constexpr std::string_view kJsonSchemaName =
      "io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions";
  static constexpr std::string_view kJsonDescription =
      "Conditions the object must meet for the operation to go ahead.";
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("uid", &Preconditions::uid, kOmitEmpty).Doc("The object must have this UID."),
        Field("resourceVersion", &Preconditions::resource_version, kOmitEmpty)
            .Doc("The object must be at this resourceVersion."));
  }
};

struct DeleteOptions {
  api::TypeMeta type_meta;
  std::vector<std::string> dry_run;
  std::optional<int64_t> grace_period_seconds;
  std::optional<Preconditions> preconditions;
  std::optional<bool> orphan_dependents;
  std::string propagation_policy;
  static constexpr std::string_view kJsonSchemaName = kDeleteOptionsSchema;
  static constexpr std::string_view kJsonDescription = "Options of a deletion.";
  static constexpr auto JsonFields() {
    using D = DeleteOptions;
    return std::make_tuple(
        Inline(&D::type_meta),
        Field("dryRun", &D::dry_run, kOmitEmpty)
            .Doc("[\"All\"] checks the deletion without performing it."),
        Field("gracePeriodSeconds", &D::grace_period_seconds, kOmitEmpty)
            .Doc("Seconds before the object is deleted; 0 deletes at once."),
        Field("preconditions", &D::preconditions, kOmitEmpty)
            .Doc("Conditions the object must meet to be deleted; otherwise 409 Conflict."),
        Field("orphanDependents", &D::orphan_dependents, kOmitEmpty)
            .Doc("Deprecated: use propagationPolicy. True orphans the dependents."),
        Field("propagationPolicy", &D::propagation_policy, kOmitEmpty)
            .Doc("What happens to objects owned by this one: Orphan (kept), Background (deleted "
                 "after it) or Foreground (deleted before it)."));
  }
};

}  // namespace

void AddMetaSchemas(api::SchemaDefinitions& defs) {
  api::JsonSchemaOf<Status>(defs);
  api::JsonSchemaOf<DeleteOptions>(defs);
  defs.Set(kPatchSchema,
           boost::json::object{
               {"description",
                "The body of a PATCH request: a JSON patch (RFC 6902), a JSON merge patch (RFC "
                "7386) or a strategic merge patch, as the Content-Type says."},
               {"type", "object"}});
}

}  // namespace navigator::apiserver
