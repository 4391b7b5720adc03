// Fuzz target: UTF-8 checks and Basic auth headers (shared/text, shared/basic_auth).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/basic_auth.hpp"
#include "shared/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (mt::text::valid_utf8(input) && mt::text::length(input) > input.size()) __builtin_trap();
  (void)mt::text::has_control(input);
  if (mt::basic_auth::matches(input, "simulator", "super_safe!") &&
      input != "Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh") {
    __builtin_trap();  // only the exact header may match
  }
  return 0;
}
