// shared/log: structured logs, one JSON object per line with Elastic Common Schema field names.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mt::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Sets up the process logger on stdout (the supervisor points stdout at the handler's log file).
// `service` becomes `service.name` on every line. Call once per process, after fork().
void init(std::string service);

// Writes one line: `fields` plus `@timestamp`, `log.level`, `message`, `service.name`,
// `process.pid`. Invalid UTF-8 in any field is replaced, never thrown. Never throws.
void write(Level level, std::string_view message, nlohmann::json fields = nlohmann::json::object());

inline void info(std::string_view message, nlohmann::json fields = nlohmann::json::object()) {
  write(Level::kInfo, message, std::move(fields));
}
inline void warn(std::string_view message, nlohmann::json fields = nlohmann::json::object()) {
  write(Level::kWarn, message, std::move(fields));
}
inline void error(std::string_view message, nlohmann::json fields = nlohmann::json::object()) {
  write(Level::kError, message, std::move(fields));
}

// ISO-8601 UTC with milliseconds and `Z`, as ECS wants for `@timestamp`.
std::string utc_timestamp();

}  // namespace mt::log
