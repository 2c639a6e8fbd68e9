#include "navigator/api/codec/json_snippet.h"

#include <boost/json.hpp>

namespace navigator::api {

std::string_view JsonKindWithArticle(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object:
      return "an object";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::null:
      return "null";
    default:
      return "a number";
  }
}

std::string JsonSnippet(const boost::json::value& v, std::size_t max) {
  boost::json::serializer sr;
  sr.reset(&v);
  std::string out(max + 1, '\0');
  std::size_t n = 0;
  while (!sr.done() && n < out.size()) n += sr.read(out.data() + n, out.size() - n).size();
  out.resize(n);
  if (n <= max) return out;
  out.resize(max);
  return out + "...";
}

std::string JsonQuoted(std::string_view s, std::size_t max) {
  if (s.size() <= max) return boost::json::serialize(boost::json::string_view(s.data(), s.size()));
  return boost::json::serialize(boost::json::string_view(s.data(), max)) + "...";
}

}  // namespace navigator::api
