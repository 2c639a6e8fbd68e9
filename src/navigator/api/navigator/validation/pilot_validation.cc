#include "navigator/api/navigator/validation/pilot_validation.h"

#include "navigator/api/validation/object_meta_validation.h"

namespace navigator::api {

FieldErrorList ValidatePilot(const Pilot& p) {
  return ValidateObjectMeta(p.metadata, ValidatePathSegmentName);
}

FieldErrorList ValidatePilotUpdate(const Pilot& old_p, const Pilot& new_p) {
  FieldErrorList errs = ValidatePilot(new_p);
  errs.Append(ValidateObjectMetaTransition(new_p.metadata, old_p.metadata));
  return errs;
}

}  // namespace navigator::api
