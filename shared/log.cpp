// shared/log: structured logs, one JSON object per line with Elastic Common Schema field names.
#include "shared/log.hpp"

#include <chrono>
#include <ctime>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "shared/json.hpp"

namespace mt::log {
namespace {

std::string g_service = "minitwit";

const char* level_name(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void init(std::string service) {
  g_service = std::move(service);
  spdlog::drop_all();
  auto logger = spdlog::stdout_logger_mt("minitwit");
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

std::string utc_timestamp() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t secs = system_clock::to_time_t(now);
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

void write(Level level, std::string_view message, nlohmann::json fields) try {
  if (!fields.is_object()) fields = nlohmann::json::object();
  fields["@timestamp"] = utc_timestamp();
  fields["log.level"] = level_name(level);
  fields["message"] = message;
  fields["service.name"] = g_service;
  fields["process.pid"] = ::getpid();
  // A single std::string argument is not a format string: braces in the JSON are safe.
  spdlog::log(level == Level::kError  ? spdlog::level::err
              : level == Level::kWarn ? spdlog::level::warn
                                      : spdlog::level::info,
              json::dump(fields));
} catch (...) {
  // Logging must never take a request down with it.
}

}  // namespace mt::log
