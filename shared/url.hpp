// shared/url: percent-decoding of query strings and form bodies, percent-encoding of path parts.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mt::url {

// Splits `a=1&b=x+y%21` into decoded pairs in order ("+" is a space). Repeated keys are kept.
// A key without "=" gets an empty value. Malformed escapes are kept literally; "%00" decodes to
// U+FFFD (a NUL would end the value). Never throws
// except std::bad_alloc.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

// Percent-encodes everything except RFC 3986 unreserved characters ("a b/c" -> "a%20b%2Fc").
std::string encode(std::string_view text);

}  // namespace mt::url
