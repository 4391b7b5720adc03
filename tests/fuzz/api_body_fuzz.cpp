// Fuzz target: the JSON bodies of every API route (json::parse_object + api::from_json).
#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/api.hpp"
#include "shared/http.hpp"
#include "shared/json.hpp"

namespace {

template <typename Body>
void parse_as(const std::string& input) {
  try {
    const auto body = mt::json::parse_object(input).get<Body>();
    (void)mt::json::dump(nlohmann::json::object());
    (void)body;
  } catch (const mt::http::Error& e) {
    if (e.status < 400 || e.status > 499) __builtin_trap();  // bad input is a 4xx, only
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  parse_as<mt::api::RegisterBody>(input);
  parse_as<mt::api::MessageBody>(input);
  parse_as<mt::api::FollowBody>(input);
  // Whatever was sent comes back out as valid JSON (error bodies echo nothing, logs might).
  (void)mt::json::dump(nlohmann::json{{"echo", input}});
  return 0;
}
