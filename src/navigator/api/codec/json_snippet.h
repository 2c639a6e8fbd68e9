#pragma once

// Short renderings of JSON values and request text for error messages, which
// must stay small however large the request was.

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace navigator::api {

// "an object", "an array", "a string", "a number", "a boolean" or "null".
std::string_view JsonKindWithArticle(const boost::json::value& v);

// `v` written as JSON, cut after `max` characters with "..." appended.
std::string JsonSnippet(const boost::json::value& v, std::size_t max = 200);

// `s` as a JSON string literal, cut after `max` characters with "..." appended.
std::string JsonQuoted(std::string_view s, std::size_t max = 200);

}  // namespace navigator::api
