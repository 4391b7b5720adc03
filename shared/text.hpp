// shared/text: small checks on user-supplied UTF-8 text.
#pragma once

#include <cstddef>
#include <string_view>

namespace mt::text {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s);

// Number of code points in well-formed UTF-8 (bytes that do not continue a sequence).
std::size_t length(std::string_view s);

// True when `s` holds an ASCII control character (including NUL, CR, LF and DEL).
bool has_control(std::string_view s);

}  // namespace mt::text
