// shared/text: small checks on user-supplied UTF-8 text.
#include "shared/text.hpp"

#include <cstdint>

namespace mt::text {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<std::uint8_t>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<std::uint8_t>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    const bool overlong =
        (n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<std::uint8_t>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool has_control(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<std::uint8_t>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

}  // namespace mt::text
