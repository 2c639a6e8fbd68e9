#include "navigator/metrics/registry.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <variant>

namespace navigator::metrics {

struct Registry::Family {
  std::string name;
  std::string help;
  MetricType type = MetricType::kCounter;
  std::vector<std::string> label_names;
  std::vector<double> buckets;  // histograms only, normalized
  std::variant<std::unique_ptr<CounterVec>, std::unique_ptr<GaugeVec>,
               std::unique_ptr<HistogramVec>>
      vec;

  void Render(std::string& out) const;
};

namespace {

template <typename T>
bool HasChildren(const MetricVec<T>& vec) {
  bool any = false;
  vec.ForEach([&](const auto&, const auto&) { any = true; });
  return any;
}

void RenderCounterOrGauge(const auto& vec, std::string& out) {
  vec.ForEach([&](const std::vector<std::string>& values, const auto& child) {
    AppendSample(out, vec.name(), "", vec.label_names(), values, std::nullopt, child.Value());
  });
}

void RenderHistogram(const HistogramVec& vec, std::string& out) {
  vec.ForEach([&](const std::vector<std::string>& values, const Histogram& child) {
    const Histogram::Snapshot s = child.Read();
    for (std::size_t i = 0; i <= s.bounds.size(); ++i) {
      const std::string le = i < s.bounds.size() ? FormatValue(s.bounds[i]) : "+Inf";
      AppendSample(out, vec.name(), "_bucket", vec.label_names(), values,
                   std::make_pair(std::string_view("le"), std::string_view(le)),
                   static_cast<double>(s.cumulative[i]));
    }
    AppendSample(out, vec.name(), "_sum", vec.label_names(), values, std::nullopt, s.sum);
    AppendSample(out, vec.name(), "_count", vec.label_names(), values, std::nullopt,
                 static_cast<double>(s.count));
  });
}

void RenderCollected(const CollectedFamily& family, std::string& out) {
  AppendHeader(out, family.name, family.help, family.type);
  std::vector<const CollectedSample*> samples;
  for (const CollectedSample& sample : family.samples) samples.push_back(&sample);
  std::stable_sort(samples.begin(), samples.end(),
                   [](const auto* a, const auto* b) { return a->label_values < b->label_values; });
  for (const CollectedSample* sample : samples) {
    AppendSample(out, family.name, "", family.label_names, sample->label_values, std::nullopt,
                 sample->value);
  }
}

}  // namespace

void Registry::Family::Render(std::string& out) const {
  const bool any = std::visit([](const auto& v) { return HasChildren(*v); }, vec);
  if (!any) return;
  AppendHeader(out, name, help, type);
  if (const auto* counters = std::get_if<std::unique_ptr<CounterVec>>(&vec)) {
    RenderCounterOrGauge(**counters, out);
  } else if (const auto* gauges = std::get_if<std::unique_ptr<GaugeVec>>(&vec)) {
    RenderCounterOrGauge(**gauges, out);
  } else {
    RenderHistogram(*std::get<std::unique_ptr<HistogramVec>>(vec), out);
  }
}

Registry::Registry() = default;
Registry::~Registry() = default;

bool Registry::Validate(const std::string& name, const std::vector<std::string>& label_names,
                        MetricType type) {
  if (!IsValidMetricName(name)) {
    spdlog::error("metrics: invalid metric name \"{}\"", name);
    return false;
  }
  std::set<std::string> seen;
  for (const std::string& label : label_names) {
    if (!IsValidLabelName(label) || (type == MetricType::kHistogram && label == "le") ||
        !seen.insert(label).second) {
      spdlog::error("metrics: {} has an invalid or repeated label name \"{}\"", name, label);
      return false;
    }
  }
  return true;
}

Registry::Family* Registry::Find(const std::string& name, MetricType type,
                                 const std::vector<std::string>& label_names,
                                 const std::vector<double>& buckets) {
  auto it = families_.find(name);
  if (it == families_.end()) return nullptr;
  Family& family = *it->second;
  if (family.type == type && family.label_names == label_names && family.buckets == buckets) {
    return &family;
  }
  spdlog::error(
      "metrics: {} is already registered with another type, labels or buckets; the "
      "new registration is not exported",
      name);
  return nullptr;
}

template <typename Vec>
Vec& Registry::Register(MetricType type, std::string name, std::string help,
                        std::vector<std::string> label_names, std::vector<double> buckets,
                        typename Vec::Factory make) {
  std::lock_guard lock(mu_);
  const bool valid = Validate(name, label_names, type);
  if (valid) {
    if (Family* existing = Find(name, type, label_names, buckets)) {
      return *std::get<std::unique_ptr<Vec>>(existing->vec);
    }
  }
  auto family = std::make_unique<Family>();
  family->name = name;
  family->help = std::move(help);
  family->type = type;
  family->label_names = label_names;
  family->buckets = std::move(buckets);
  auto vec = std::make_unique<Vec>(std::move(name), std::move(label_names), std::move(make));
  Vec& result = *vec;
  family->vec = std::move(vec);
  if (valid && !families_.contains(family->name)) {
    std::string key = family->name;
    families_.emplace(std::move(key), std::move(family));
  } else {
    detached_.push_back(std::move(family));
  }
  return result;
}

CounterVec& Registry::Counter(std::string name, std::string help,
                              std::vector<std::string> label_names) {
  return Register<CounterVec>(MetricType::kCounter, std::move(name), std::move(help),
                              std::move(label_names), {},
                              [] { return std::make_unique<metrics::Counter>(); });
}

GaugeVec& Registry::Gauge(std::string name, std::string help,
                          std::vector<std::string> label_names) {
  return Register<GaugeVec>(MetricType::kGauge, std::move(name), std::move(help),
                            std::move(label_names), {},
                            [] { return std::make_unique<metrics::Gauge>(); });
}

HistogramVec& Registry::Histogram(std::string name, std::string help,
                                  std::vector<std::string> label_names,
                                  std::vector<double> buckets) {
  buckets = NormalizeBuckets(std::move(buckets));
  auto bounds = std::make_shared<const std::vector<double>>(buckets);
  return Register<HistogramVec>(MetricType::kHistogram, std::move(name), std::move(help),
                                std::move(label_names), std::move(buckets),
                                [bounds] { return std::make_unique<metrics::Histogram>(bounds); });
}

void Registry::AddCollector(Collector collector) {
  if (!collector) return;
  std::lock_guard lock(mu_);
  collectors_.push_back(std::move(collector));
}

std::string Registry::Render() const {
  std::vector<const Family*> families;  // sorted by name
  std::vector<Collector> collectors;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, family] : families_) families.push_back(family.get());
    collectors = collectors_;
  }
  // Families are never removed, so the pointers outlive the lock.
  std::vector<CollectedFamily> collected;
  for (const Collector& collect : collectors) collect(collected);

  std::set<std::string_view> registered_names;
  for (const Family* family : families) registered_names.insert(family->name);
  std::map<std::string, CollectedFamily> extra;  // by name
  for (CollectedFamily& family : collected) {
    const bool registered = registered_names.contains(family.name);
    if (family.type == MetricType::kHistogram || registered || extra.contains(family.name) ||
        !Validate(family.name, family.label_names, family.type)) {
      spdlog::error(
          "metrics: dropping collected family \"{}\" (invalid, a histogram, or a "
          "duplicate name)",
          family.name);
      continue;
    }
    const std::size_t before = family.samples.size();
    std::erase_if(family.samples, [&](const CollectedSample& s) {
      return s.label_values.size() != family.label_names.size();
    });
    if (family.samples.size() != before) {
      spdlog::error("metrics: dropping samples of {} with the wrong number of label values",
                    family.name);
    }
    std::string name = family.name;
    extra.emplace(std::move(name), std::move(family));
  }

  std::string out;
  auto next = extra.begin();
  for (const Family* family : families) {
    for (; next != extra.end() && next->first < family->name; ++next) {
      RenderCollected(next->second, out);
    }
    family->Render(out);
  }
  for (; next != extra.end(); ++next) RenderCollected(next->second, out);
  return out;
}

}  // namespace navigator::metrics
