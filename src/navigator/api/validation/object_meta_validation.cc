#include "navigator/api/validation/object_meta_validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "navigator/api/meta/time.h"
#include "navigator/base/go_quote.h"

namespace navigator::api {
namespace {

constexpr std::string_view kIsNegativeErrorMsg = "must be greater than or equal to 0";
constexpr std::string_view kFieldImmutableErrorMsg = "field is immutable";
constexpr std::string_view kFinalizerOrphanDependents = "orphan";
constexpr std::string_view kFinalizerDeleteDependents = "foregroundDeletion";

template <typename T>
FieldValue AsJson(const T& value) {
  return FieldValue::Verbatim(boost::json::serialize(EncodeJson(value)));
}

FieldValue TimeValue(const std::optional<Time>& t) {
  return FieldValue::Verbatim(t ? "\"" + FormatRfc3339(*t) + "\"" : "null");
}

FieldValue OptionalNumberValue(const std::optional<int64_t>& n) {
  return n ? FieldValue(*n) : FieldValue::Verbatim("null");
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// How Go's %#v prints a []string: []string{"a", "b"}.
std::string GoStringSlice(const std::set<std::string>& values) {
  std::string out = "[]string{";
  bool first = true;
  for (const std::string& v : values) {
    if (!first) out += ", ";
    first = false;
    out += GoQuote(v);
  }
  return out + "}";
}

void ValidateNonnegative(int64_t value, const FieldPath& path, FieldErrorList& errs) {
  if (value < 0) errs.Invalid(path, value, kIsNegativeErrorMsg);
}

// schema.ParseGroupVersion: "" | "<version>" | "<group>/<version>".
bool IsWellFormedApiVersion(std::string_view api_version) {
  const auto slash = api_version.find('/');
  if (slash == std::string_view::npos) return true;
  if (api_version.find('/', slash + 1) != std::string_view::npos) return false;
  return slash + 1 < api_version.size();
}

void ValidateOwnerReference(const OwnerReference& ref, const FieldPath& path,
                            FieldErrorList& errs) {
  if (ref.api_version.empty()) {
    errs.Required(path.Child("apiVersion"), "must not be empty");
  } else if (!IsWellFormedApiVersion(ref.api_version)) {
    errs.Invalid(path.Child("apiVersion"), ref.api_version,
                 "must be <group>/<version> or <version>");
  }
  if (ref.kind.empty()) errs.Required(path.Child("kind"), "must not be empty");
  if (ref.name.empty()) errs.Required(path.Child("name"), "must not be empty");
  if (ref.uid.empty()) errs.Required(path.Child("uid"), "must not be empty");
  if (ref.api_version == "v1" && ref.kind == "Event") {
    errs.Invalid(path, AsJson(ref), "/v1, Kind=Event is disallowed from being an owner");
  }
}

void ValidateImmutable(const std::string& new_value, const std::string& old_value,
                       const FieldPath& path, FieldErrorList& errs) {
  if (new_value != old_value) errs.Invalid(path, new_value, kFieldImmutableErrorMsg);
}

}  // namespace

FieldErrorList ValidateLabels(const std::map<std::string, std::string>& labels,
                              const FieldPath& path) {
  FieldErrorList errs;
  for (const auto& [key, value] : labels) {
    for (const std::string& msg : IsQualifiedName(key)) errs.Invalid(path, key, msg);
    for (const std::string& msg : IsValidLabelValue(value)) errs.Invalid(path, value, msg);
  }
  return errs;
}

FieldErrorList ValidateAnnotations(const std::map<std::string, std::string>& annotations,
                                   const FieldPath& path) {
  FieldErrorList errs;
  std::size_t total_size = 0;
  for (const auto& [key, value] : annotations) {
    // Annotation keys are qualified names in any case.
    for (const std::string& msg : IsQualifiedName(ToLower(key))) errs.Invalid(path, key, msg);
    total_size += key.size() + value.size();
  }
  if (total_size > kTotalAnnotationSizeLimit) errs.TooLong(path, kTotalAnnotationSizeLimit);
  return errs;
}

FieldErrorList ValidateOwnerReferences(const std::vector<OwnerReference>& refs,
                                       const FieldPath& path) {
  FieldErrorList errs;
  std::string first_controller;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const OwnerReference& ref = refs[i];
    ValidateOwnerReference(ref, path.Index(i), errs);
    if (!ref.controller.value_or(false)) continue;
    const std::string controller = ref.kind + "/" + ref.name;
    if (first_controller.empty()) {
      first_controller = controller;
    } else {
      errs.Invalid(path, AsJson(refs),
                   fmt::format("Only one reference can have Controller set to true. Found "
                               "\"true\" in references for {} and {}",
                               first_controller, controller));
    }
  }
  return errs;
}

FieldErrorList ValidateFinalizers(const std::vector<std::string>& finalizers,
                                  const FieldPath& path) {
  FieldErrorList errs;
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < finalizers.size(); ++i) {
    const std::string& finalizer = finalizers[i];
    for (const std::string& msg : IsQualifiedName(finalizer)) errs.Invalid(path, finalizer, msg);
    if (!seen.insert(finalizer).second) errs.Duplicate(path.Index(i), finalizer);
  }
  if (seen.contains(kFinalizerOrphanDependents) && seen.contains(kFinalizerDeleteDependents)) {
    errs.Invalid(path, AsJson(finalizers),
                 fmt::format("finalizer {} and {} cannot be both set", kFinalizerOrphanDependents,
                             kFinalizerDeleteDependents));
  }
  return errs;
}

FieldErrorList ValidateObjectMeta(const ObjectMeta& meta, NameValidator name_fn,
                                  const FieldPath& path) {
  FieldErrorList errs;
  if (!meta.generate_name.empty()) {
    for (const std::string& msg : name_fn(meta.generate_name, true)) {
      errs.Invalid(path.Child("generateName"), meta.generate_name, msg);
    }
  }
  if (meta.name.empty()) {
    errs.Required(path.Child("name"), "name or generateName is required");
  } else {
    for (const std::string& msg : name_fn(meta.name, false)) {
      errs.Invalid(path.Child("name"), meta.name, msg);
    }
  }
  if (meta.namespace_.empty()) {
    errs.Required(path.Child("namespace"));
  } else {
    for (const std::string& msg : NameIsDNSLabel(meta.namespace_, false)) {
      errs.Invalid(path.Child("namespace"), meta.namespace_, msg);
    }
  }
  ValidateNonnegative(meta.generation, path.Child("generation"), errs);
  errs.Append(ValidateLabels(meta.labels, path.Child("labels")));
  errs.Append(ValidateAnnotations(meta.annotations, path.Child("annotations")));
  errs.Append(ValidateOwnerReferences(meta.owner_references, path.Child("ownerReferences")));
  errs.Append(ValidateFinalizers(meta.finalizers, path.Child("finalizers")));
  return errs;
}

FieldErrorList ValidateObjectMetaTransition(const ObjectMeta& new_meta, const ObjectMeta& old_meta,
                                            const FieldPath& path) {
  FieldErrorList errs;
  if (old_meta.deletion_timestamp) {
    std::set<std::string> added(new_meta.finalizers.begin(), new_meta.finalizers.end());
    for (const std::string& f : old_meta.finalizers) added.erase(f);
    if (!added.empty()) {
      errs.Forbidden(path.Child("finalizers"),
                     "no new finalizers can be added if the object is being deleted, found new "
                     "finalizers " +
                         GoStringSlice(added));
    }
  }
  if (new_meta.resource_version.empty()) {
    errs.Invalid(path.Child("resourceVersion"), new_meta.resource_version,
                 "must be specified for an update");
  }
  if (new_meta.generation < old_meta.generation) {
    errs.Invalid(path.Child("generation"), new_meta.generation, "must not be decremented");
  }
  ValidateImmutable(new_meta.name, old_meta.name, path.Child("name"), errs);
  ValidateImmutable(new_meta.namespace_, old_meta.namespace_, path.Child("namespace"), errs);
  ValidateImmutable(new_meta.uid, old_meta.uid, path.Child("uid"), errs);
  if (new_meta.creation_timestamp != old_meta.creation_timestamp) {
    errs.Invalid(path.Child("creationTimestamp"), TimeValue(new_meta.creation_timestamp),
                 kFieldImmutableErrorMsg);
  }
  if (new_meta.deletion_timestamp != old_meta.deletion_timestamp) {
    errs.Invalid(path.Child("deletionTimestamp"), TimeValue(new_meta.deletion_timestamp),
                 kFieldImmutableErrorMsg);
  }
  if (new_meta.deletion_grace_period_seconds != old_meta.deletion_grace_period_seconds) {
    errs.Invalid(path.Child("deletionGracePeriodSeconds"),
                 OptionalNumberValue(new_meta.deletion_grace_period_seconds),
                 kFieldImmutableErrorMsg);
  }
  return errs;
}

FieldErrorList ValidateObjectMetaUpdate(const ObjectMeta& new_meta, const ObjectMeta& old_meta,
                                        const FieldPath& path) {
  FieldErrorList errs = ValidateObjectMetaTransition(new_meta, old_meta, path);
  ValidateNonnegative(new_meta.generation, path.Child("generation"), errs);
  errs.Append(ValidateLabels(new_meta.labels, path.Child("labels")));
  errs.Append(ValidateAnnotations(new_meta.annotations, path.Child("annotations")));
  errs.Append(ValidateOwnerReferences(new_meta.owner_references, path.Child("ownerReferences")));
  return errs;
}

}  // namespace navigator::api
