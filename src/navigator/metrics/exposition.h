#pragma once

// Writing Prometheus' text exposition format, version 0.0.4: names, escaping
// and sample lines. Used by Registry::Render; exposed for tests.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace navigator::metrics {

// The Content-Type of a rendered registry.
inline constexpr std::string_view kTextContentType = "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { kCounter, kGauge, kHistogram };

// "counter", "gauge", "histogram".
std::string_view TypeName(MetricType type);

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool IsValidMetricName(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved by Prometheus).
bool IsValidLabelName(std::string_view name);

// A sample value: shortest round-trip decimal, "+Inf", "-Inf" or "NaN".
std::string FormatValue(double v);

// Appends `value` escaped for a label value: `\` `"` and newline become `\\`
// `\"` and `\n`; invalid UTF-8 becomes U+FFFD (the format requires UTF-8).
void AppendLabelValue(std::string& out, std::string_view value);

// Appends "# HELP name help\n# TYPE name type\n"; in help, `\` and newline are
// escaped and invalid UTF-8 replaced.
void AppendHeader(std::string& out, std::string_view name, std::string_view help, MetricType type);

// Appends one sample line: name+suffix, then {names[i]="values[i]",...} with
// `extra` (such as le) last, then the value. Preconditions: names and values
// have the same length; names are valid.
void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  std::span<const std::string> names, std::span<const std::string> values,
                  std::optional<std::pair<std::string_view, std::string_view>> extra, double value);

}  // namespace navigator::metrics
