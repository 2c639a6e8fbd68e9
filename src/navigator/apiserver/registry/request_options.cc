#include "navigator/apiserver/registry/request_options.h"

#include <fmt/format.h>

#include <charconv>

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/codec/json_parse.h"

namespace navigator::registry {
namespace {

struct WirePreconditions {
  std::optional<std::string> uid;
  std::optional<std::string> resource_version;
  static constexpr auto JsonFields() {
    using api::Field, api::kOmitEmpty;
    return std::make_tuple(
        Field("uid", &WirePreconditions::uid, kOmitEmpty),
        Field("resourceVersion", &WirePreconditions::resource_version, kOmitEmpty));
  }
};

struct WireDeleteOptions {
  std::string kind;
  std::string api_version;
  std::optional<int64_t> grace_period_seconds;
  std::optional<WirePreconditions> preconditions;
  std::optional<bool> orphan_dependents;
  std::string propagation_policy;
  std::vector<std::string> dry_run;
  static constexpr auto JsonFields() {
    using api::Field, api::kOmitEmpty;
    using W = WireDeleteOptions;
    return std::make_tuple(
        Field("kind", &W::kind), Field("apiVersion", &W::api_version),
        Field("gracePeriodSeconds", &W::grace_period_seconds),
        Field("preconditions", &W::preconditions), Field("orphanDependents", &W::orphan_dependents),
        Field("propagationPolicy", &W::propagation_policy), Field("dryRun", &W::dry_run));
  }
};

}  // namespace

Result<DeleteOptions> ParseDeleteOptions(std::string_view body) {
  DeleteOptions out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  NAVIGATOR_ASSIGN_OR_RETURN(api::ParsedJson parsed, api::ParseJson(body));
  if (!parsed.value.is_object()) return BadRequest("DeleteOptions must be a JSON object");
  api::DecodeContext ctx;
  WireDeleteOptions wire;
  api::DecodeJson(parsed.value, wire, ctx);
  if (!ctx.errors().empty()) {
    const auto& e = ctx.errors().front();
    return BadRequest(fmt::format("invalid DeleteOptions: {}: {}", e.field, e.message));
  }
  if (!wire.kind.empty() && wire.kind != "DeleteOptions") {
    return BadRequest(fmt::format("expected kind DeleteOptions, got \"{}\"", wire.kind));
  }
  if (wire.preconditions) {
    out.preconditions.uid = wire.preconditions->uid;
    out.preconditions.resource_version = wire.preconditions->resource_version;
  }
  out.grace_period_seconds = wire.grace_period_seconds;
  out.propagation_policy = wire.propagation_policy;
  if (wire.orphan_dependents && !out.propagation_policy.empty()) {
    return BadRequest("orphanDependents and propagationPolicy cannot both be set");
  }
  NAVIGATOR_ASSIGN_OR_RETURN(out.dry_run, ParseDryRun(wire.dry_run));
  if (wire.orphan_dependents) out.propagation_policy = *wire.orphan_dependents ? "Orphan" : "";
  if (!out.propagation_policy.empty() && out.propagation_policy != "Orphan" &&
      out.propagation_policy != "Background" && out.propagation_policy != "Foreground") {
    return BadRequest(fmt::format(
        "propagationPolicy \"{}\" is not supported: use Orphan, Background or Foreground",
        out.propagation_policy));
  }
  return out;
}

Result<bool> ParseDryRun(const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    if (v != "All") {
      return BadRequest(fmt::format("invalid dry run value \"{}\": only \"All\" is supported",
                                    std::string_view(v).substr(0, 64)));
    }
  }
  return !values.empty();
}

Result<FieldValidation> ParseFieldValidation(std::string_view text) {
  if (text.empty() || text == "Warn") return FieldValidation::kWarn;
  if (text == "Strict") return FieldValidation::kStrict;
  if (text == "Ignore") return FieldValidation::kIgnore;
  return BadRequest(fmt::format(
      "invalid fieldValidation \"{}\": must be one of Ignore, Warn or Strict", text.substr(0, 64)));
}

Result<int64_t> ParseResourceVersion(std::string_view text) {
  int64_t rv = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), rv);
  // Plain decimal digits only: from_chars alone would take "-0" for 0.
  if (text.empty() || text.front() < '0' || text.front() > '9' || ec != std::errc() ||
      ptr != text.data() + text.size()) {
    return BadRequest(fmt::format("invalid resource version \"{}\"", text.substr(0, 64)));
  }
  return rv;
}

}  // namespace navigator::registry
