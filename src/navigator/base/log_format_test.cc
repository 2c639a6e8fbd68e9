#include "navigator/base/log_format.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

namespace navigator {
namespace {

std::string Format(std::string_view message) {
  spdlog::details::log_msg msg(spdlog::source_loc{}, "navigator", spdlog::level::warn,
                               spdlog::string_view_t(message.data(), message.size()));
  msg.time = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
  msg.thread_id = 42;
  spdlog::memory_buf_t out;
  JsonLogFormatter().format(msg, out);
  return fmt::to_string(out);
}

TEST(LogFormatTest, ParsesTheFlag) {
  EXPECT_EQ(*ParseLogFormat("text"), LogFormat::kText);
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  auto bad = ParseLogFormat("yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "--logging-format: \"yaml\" is not one of text, json");
}

TEST(LogFormatTest, EveryLineIsOneJsonObject) {
  const std::string_view messages[] = {"plain",
                                       "quote \" backslash \\ newline \n tab \t",
                                       std::string_view("nul \0 byte", 10),
                                       "control \x01\x1f del \x7f",
                                       "utf-8 caf\xc3\xa9 \xe2\x82\xac",
                                       "invalid \xff\xc3 bytes",
                                       "truncated \xe2\x82"};
  for (std::string_view m : messages) {
    SCOPED_TRACE(std::string(m));
    std::string line = Format(m);
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    ASSERT_FALSE(ec) << line;
    EXPECT_EQ(v.at("level"), "warning");
    EXPECT_EQ(v.at("thread"), 42);
    EXPECT_EQ(v.at("logger"), "navigator");
    EXPECT_DOUBLE_EQ(v.at("ts").to_number<double>(), 1'700'000'000.0);
  }
  EXPECT_EQ(boost::json::parse(Format("quote \" and \\")).at("msg"), "quote \" and \\");
  EXPECT_EQ(boost::json::parse(Format("caf\xc3\xa9")).at("msg"), "caf\xc3\xa9");
}

}  // namespace
}  // namespace navigator
