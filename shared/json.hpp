// shared/json: JSON text in and out, safe against invalid UTF-8 and malformed input.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/http.hpp"

namespace mt::json {

// Compact JSON text. Invalid UTF-8 in strings is replaced by U+FFFD instead of throwing.
std::string dump(const nlohmann::json& value);

// Parses a request body that must be a JSON object. Throws http::Error 400 with a message
// that says what is wrong (empty body, malformed JSON, not an object, nested too deep).
nlohmann::json parse_object(std::string_view body);

// The API's error body: {"status": status, "error_msg": message}.
nlohmann::json error_body(int status, std::string_view message);

// A JSON response with the given status.
http::Response response(int status, const nlohmann::json& value);

// Field readers for from_json: a missing or null field reads as "", a non-string throws
// http::Error 400 naming the field.
std::string optional_string(const nlohmann::json& object, const char* field);

}  // namespace mt::json
