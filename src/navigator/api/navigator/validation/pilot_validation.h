#pragma once

// Pilot validation (reference: navigator-api.md §4.6): generic metadata only.
// A Pilot is named after its Pod, so its name need only be a valid URL path
// segment; its status is written by the pilot through /status, unvalidated.

#include "navigator/api/navigator/pilot.h"
#include "navigator/api/validation/field_errors.h"

namespace navigator::api {

FieldErrorList ValidatePilot(const Pilot& p);
FieldErrorList ValidatePilotUpdate(const Pilot& old_p, const Pilot& new_p);

}  // namespace navigator::api
