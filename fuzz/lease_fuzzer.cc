// What leader election and the event recorder read from kube-apiserver:
// navigator::runtime::DecodeLease (a coordination.k8s.io/v1 Lease),
// ParseMicroTime (its acquireTime/renewTime) and DecodeEventState (an Event
// answered to a create or patch). Each harness run feeds the input to all
// three.
//
// Properties:
//  - errors are kBadRequest;
//  - a MicroTime t that parses is written with the fixed shape
//    "YYYY-MM-DDTHH:MM:SS.ffffffZ", which parses back to t;
//  - an accepted Lease, written back as EncodeLeaseSpec writes it (with its
//    resourceVersion), decodes to the same record;
//  - an accepted Event state has a non-empty name.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/api/meta/micro_time.h"
#include "navigator/runtime/event.h"
#include "navigator/runtime/lease_lock.h"

using navigator::fuzz::Printable;
namespace runtime = navigator::runtime;

namespace {

void CheckMicroTime(std::string_view text) {
  auto t = navigator::api::ParseMicroTime(text);
  if (!t.ok()) {
    FUZZ_CHECK(t.status().code() == navigator::StatusCode::kBadRequest, t.status().ToString());
    return;
  }
  const std::string formatted = navigator::api::FormatMicroTime(*t);
  FUZZ_CHECK(formatted.size() == 27 && formatted[10] == 'T' && formatted[19] == '.' &&
                 formatted.back() == 'Z',
             "input " + Printable(text) + " is formatted as " + Printable(formatted));
  auto again = navigator::api::ParseMicroTime(formatted);
  FUZZ_CHECK(again.ok() && *again == *t, "input " + Printable(text) + " is formatted as " +
                                             Printable(formatted) +
                                             ", which does not parse back to the same time");
}

void CheckLease(std::string_view text) {
  auto lease = runtime::DecodeLease(text);
  if (!lease.ok()) {
    FUZZ_CHECK(lease.status().code() == navigator::StatusCode::kBadRequest,
               lease.status().ToString());
    return;
  }
  const boost::json::object written{
      {"metadata", boost::json::object{{"resourceVersion", lease->resource_version}}},
      {"spec", runtime::EncodeLeaseSpec(lease->record)}};
  const std::string body = boost::json::serialize(written);
  auto again = runtime::DecodeLease(body);
  FUZZ_CHECK(again.ok(), "input " + Printable(text) + " written back as " + Printable(body) +
                             " does not decode: " + (again.ok() ? "" : again.status().message()));
  FUZZ_CHECK(again->record == lease->record && again->resource_version == lease->resource_version,
             "input " + Printable(text) + " written back as " + Printable(body) +
                 " decodes to another record");
}

void CheckEventState(std::string_view text) {
  auto state = runtime::DecodeEventState(text);
  if (!state.ok()) {
    FUZZ_CHECK(state.status().code() == navigator::StatusCode::kBadRequest,
               state.status().ToString());
    return;
  }
  FUZZ_CHECK(!state->name.empty(), "input " + Printable(text) + " gives an empty name");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  CheckMicroTime(text);
  CheckLease(text);
  CheckEventState(text);
  return 0;
}
