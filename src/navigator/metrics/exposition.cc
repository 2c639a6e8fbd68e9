#include "navigator/metrics/exposition.h"

#include <fmt/format.h>

#include <cmath>

namespace navigator::metrics {
namespace {

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// The length of the valid UTF-8 sequence at the start of `s`, or 0.
std::size_t Utf8SequenceLength(std::string_view s) {
  const auto byte = [&](std::size_t i) {
    return static_cast<unsigned char>(s[i]);
  };
  const unsigned char c = byte(0);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) lo = 0xa0;  // no overlong forms
    if (c == 0xed) hi = 0x9f;  // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;  // <= U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  if (byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xbf) return 0;
  }
  return n;
}

void AppendEscaped(std::string& out, std::string_view s, bool escape_quote) {
  while (!s.empty()) {
    const std::size_t n = Utf8SequenceLength(s);
    if (n == 0) {
      out += "\xef\xbf\xbd";  // U+FFFD
      s.remove_prefix(1);
      continue;
    }
    const char c = s.front();
    if (n == 1 && c == '\\') {
      out += "\\\\";
    } else if (n == 1 && c == '\n') {
      out += "\\n";
    } else if (n == 1 && c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out.append(s.substr(0, n));
    }
    s.remove_prefix(n);
  }
}

}  // namespace

std::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

bool IsValidMetricName(std::string_view name) {
  if (name.empty() || !(IsAlpha(name[0]) || name[0] == ':')) return false;
  for (const char c : name) {
    if (!IsAlpha(c) && !IsDigit(c) && c != ':') return false;
  }
  return true;
}

bool IsValidLabelName(std::string_view name) {
  if (name.empty() || !IsAlpha(name[0]) || name.substr(0, 2) == "__") return false;
  for (const char c : name) {
    if (!IsAlpha(c) && !IsDigit(c)) return false;
  }
  return true;
}

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

void AppendLabelValue(std::string& out, std::string_view value) {
  AppendEscaped(out, value, /*escape_quote=*/true);
}

void AppendHeader(std::string& out, std::string_view name, std::string_view help, MetricType type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  AppendEscaped(out, help, /*escape_quote=*/false);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += TypeName(type);
  out += '\n';
}

void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  std::span<const std::string> names, std::span<const std::string> values,
                  std::optional<std::pair<std::string_view, std::string_view>> extra,
                  double value) {
  out += name;
  out += suffix;
  if (!names.empty() || extra) {
    char separator = '{';
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
      out += separator;
      out += names[i];
      out += "=\"";
      AppendLabelValue(out, values[i]);
      out += '"';
      separator = ',';
    }
    if (extra) {
      out += separator;
      out += extra->first;
      out += "=\"";
      AppendLabelValue(out, extra->second);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += FormatValue(value);
  out += '\n';
}

}  // namespace navigator::metrics
