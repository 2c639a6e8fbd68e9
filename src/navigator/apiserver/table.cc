#include "navigator/apiserver/table.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace navigator::apiserver {

namespace bj = boost::json;

Result<TableOptions> ParseTableOptions(std::string_view include_object) {
  TableOptions options;
  if (include_object.empty() || include_object == "Metadata") {
    options.include = TableOptions::kMetadata;
  } else if (include_object == "None") {
    options.include = TableOptions::kNone;
  } else if (include_object == "Object") {
    options.include = TableOptions::kObject;
  } else {
    constexpr std::size_t kMax = 64;
    std::string shown(include_object.substr(0, kMax));
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f ||
          c == '"') {
        c = '?';
      }
    }
    if (include_object.size() > kMax) shown += "...";
    return BadRequest(
        fmt::format("Unable to convert to Table as requested: includeObject: Invalid value: "
                    "\"{}\": must be 'Metadata', 'Object', 'None', or empty",
                    shown));
  }
  return options;
}

namespace internal {

bj::object TableRow(bj::array cells, const api::ObjectMeta& metadata, const TableOptions& options,
                    bj::value object) {
  bj::object row{{"cells", std::move(cells)}};
  switch (options.include) {
    case TableOptions::kNone:
      break;
    case TableOptions::kMetadata:
      row["object"] = ToPartialObjectMetadata(metadata, options.api_version);
      break;
    case TableOptions::kObject:
      row["object"] = std::move(object);
      break;
  }
  return row;
}

bj::object AssembleTable(std::span<const ColumnDefinition> columns, bj::array rows,
                         bj::object metadata, const TableOptions& options) {
  bj::value definitions;  // null without headers
  if (!options.no_headers) {
    bj::array list;
    list.reserve(columns.size());
    for (const ColumnDefinition& c : columns) {
      list.push_back(bj::object{{"name", c.name},
                                {"type", c.type},
                                {"format", c.format},
                                {"description", c.description},
                                {"priority", c.priority}});
    }
    definitions = std::move(list);
  }
  return bj::object{{"kind", "Table"},
                    {"apiVersion", options.api_version},
                    {"metadata", std::move(metadata)},
                    {"columnDefinitions", std::move(definitions)},
                    {"rows", std::move(rows)}};
}

}  // namespace internal
}  // namespace navigator::apiserver
