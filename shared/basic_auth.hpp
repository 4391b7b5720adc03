// shared/basic_auth: checks an `Authorization: Basic ...` header against configured credentials.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mt::basic_auth {

// True when `header` is "Basic <base64(user:password)>" for exactly these credentials.
// Compares in constant time; a missing, malformed or wrong header is false.
bool matches(std::optional<std::string_view> header, std::string_view user,
             std::string_view password);

// The header value a client sends for these credentials ("Basic dXNlcjpwdw==").
std::string encode(std::string_view user, std::string_view password);

}  // namespace mt::basic_auth
