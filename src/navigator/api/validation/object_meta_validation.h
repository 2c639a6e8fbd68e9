#pragma once

// Kubernetes' generic ObjectMeta validation for namespaced objects
// (k8s.io/apimachinery pkg/api/validation/objectmeta.go), with its messages
// and field paths. Name generation has already happened: an empty name is an
// error even when generateName is set.

#include <string_view>

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/validation/field_errors.h"
#include "navigator/api/validation/name_validation.h"

namespace navigator::api {

inline constexpr std::size_t kTotalAnnotationSizeLimit = 256 * 1024;

// Create: name (by `name_fn`) and generateName prefix, namespace (a DNS-1123
// label), generation >= 0, labels, annotations, ownerReferences, finalizers.
FieldErrorList ValidateObjectMeta(const ObjectMeta& meta, NameValidator name_fn,
                                  const FieldPath& path = FieldPath("metadata"));

// Update, as Kubernetes' ValidateObjectMetaUpdate: the transition rules below
// plus labels, annotations and ownerReferences of `new_meta`.
FieldErrorList ValidateObjectMetaUpdate(const ObjectMeta& new_meta, const ObjectMeta& old_meta,
                                        const FieldPath& path = FieldPath("metadata"));

// Only the rules that compare `new_meta` with `old_meta`: resourceVersion
// given; generation not decremented; name, namespace, uid, creationTimestamp,
// deletionTimestamp and deletionGracePeriodSeconds unchanged; no finalizer
// added once deletion started. For callers that also run ValidateObjectMeta
// on the new object, so no rule reports twice.
//
// The caller carries server-set fields a client may omit (uid,
// creationTimestamp, deletion*) over from the old object first, as
// Kubernetes' rest.BeforeUpdate does; an omitted uid is otherwise a change.
FieldErrorList ValidateObjectMetaTransition(const ObjectMeta& new_meta, const ObjectMeta& old_meta,
                                            const FieldPath& path = FieldPath("metadata"));

// The parts, each reporting at `path` as Kubernetes does.
FieldErrorList ValidateLabels(const std::map<std::string, std::string>& labels,
                              const FieldPath& path);
FieldErrorList ValidateAnnotations(const std::map<std::string, std::string>& annotations,
                                   const FieldPath& path);
FieldErrorList ValidateOwnerReferences(const std::vector<OwnerReference>& refs,
                                       const FieldPath& path);
FieldErrorList ValidateFinalizers(const std::vector<std::string>& finalizers,
                                  const FieldPath& path);

}  // namespace navigator::api
