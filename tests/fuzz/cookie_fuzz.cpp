// Fuzz target: Cookie headers and the session-cookie check (shared/cookie).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/cookie.hpp"

namespace {
constexpr std::string_view kSecret = "fuzzing-secret-fuzzing-secret-fuzzing-secret!!";
constexpr long kNow = 1'800'000'000;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Whatever the header, reading it never fails, and a forged value never verifies.
  const auto value = mt::cookie::find(input, "session");
  if (value && mt::cookie::unseal("session", *value, kSecret, kNow)) __builtin_trap();
  if (mt::cookie::unseal("session", input, kSecret, kNow)) __builtin_trap();
  // Sealing arbitrary data round-trips exactly, and only for its own purpose.
  const std::string sealed = mt::cookie::seal("session", input, kNow + 60, kSecret);
  const auto back = mt::cookie::unseal("session", sealed, kSecret, kNow);
  if (!back || *back != input) __builtin_trap();
  if (mt::cookie::unseal("flash", sealed, kSecret, kNow)) __builtin_trap();
  if (mt::cookie::unseal("session", sealed, kSecret, kNow + 61)) __builtin_trap();
  return 0;
}
