// shared/json: JSON text in and out, safe against invalid UTF-8 and malformed input.
#include "shared/json.hpp"

#include <fmt/format.h>

namespace mt::json {
namespace {

constexpr int kMaxDepth = 32;

// Rejects documents nested deeper than kMaxDepth while parsing, before they are built.
bool depth_ok(int depth, nlohmann::json::parse_event_t /*event*/, nlohmann::json& /*value*/) {
  return depth <= kMaxDepth;
}

}  // namespace

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json parse_object(std::string_view body) {
  if (body.empty()) throw http::Error{400, "Request body must be a JSON object"};
  bool too_deep = false;
  auto callback = [&too_deep](int depth, nlohmann::json::parse_event_t event,
                              nlohmann::json& value) {
    if (depth_ok(depth, event, value)) return true;
    too_deep = true;
    return false;
  };
  nlohmann::json parsed = nlohmann::json::parse(body, callback, /*allow_exceptions=*/false);
  if (too_deep) throw http::Error{400, "JSON body is nested too deeply"};
  if (parsed.is_discarded()) throw http::Error{400, "Request body is not valid JSON"};
  if (!parsed.is_object()) throw http::Error{400, "Request body must be a JSON object"};
  return parsed;
}

http::Response response(int status, const nlohmann::json& value) {
  return http::Response{status, "application/json", dump(value), {}};
}

nlohmann::json error_body(int status, std::string_view message) {
  return {{"status", status}, {"error_msg", message}};
}

std::string optional_string(const nlohmann::json& object, const char* field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw http::Error{400, fmt::format("\"{}\" must be a string", field)};
  return it->get<std::string>();
}

}  // namespace mt::json
