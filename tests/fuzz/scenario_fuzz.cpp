// Fuzz target: the scenario parser of scripts/replay (one line of the recorded workload).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "scripts/src/replay/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto action = mt::scenario::parse_line(line, &error);
  if (!action) {
    if (error.empty()) __builtin_trap();  // a refused line always says why
    return 0;
  }
  // A parsed action is complete: a command name, an actor, and its arguments.
  if (mt::scenario::command_name(action->command).empty() || action->username.empty())
    __builtin_trap();
  (void)mt::scenario::usernames(*action);
  return 0;
}
