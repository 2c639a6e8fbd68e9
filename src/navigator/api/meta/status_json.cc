#include "navigator/api/meta/status_json.h"

#include <boost/json.hpp>

namespace navigator::api {

boost::json::value StatusToJson(const Status& status) {
  namespace bj = boost::json;
  bj::object out;
  out["kind"] = "Status";
  out["apiVersion"] = "v1";
  out["metadata"] = bj::object();
  out["status"] = status.ok() ? "Success" : "Failure";
  if (!status.message().empty()) out["message"] = status.message();
  if (!status.ok()) out["reason"] = Reason(status.code());
  const StatusDetails& d = status.details();
  if (!d.name.empty() || !d.group.empty() || !d.kind.empty() || !d.causes.empty() ||
      d.retry_after_seconds > 0) {
    bj::object details;
    if (!d.name.empty()) details["name"] = d.name;
    if (!d.group.empty()) details["group"] = d.group;
    if (!d.kind.empty()) details["kind"] = d.kind;
    if (!d.causes.empty()) {
      bj::array causes;
      for (const auto& c : d.causes) {
        bj::object cause;
        if (!c.type.empty()) cause["reason"] = c.type;
        if (!c.message.empty()) cause["message"] = c.message;
        if (!c.field.empty()) cause["field"] = c.field;
        causes.push_back(std::move(cause));
      }
      details["causes"] = std::move(causes);
    }
    if (d.retry_after_seconds > 0) details["retryAfterSeconds"] = d.retry_after_seconds;
    out["details"] = std::move(details);
  }
  out["code"] = HttpStatus(status.code());
  return out;
}

}  // namespace navigator::api
