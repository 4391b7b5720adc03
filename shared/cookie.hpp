// shared/cookie: reading the Cookie header, writing Set-Cookie, and HMAC-SHA256 signed values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mt::cookie {

// The value of cookie `name` in a Cookie request header ("a=1; b=2"); std::nullopt when absent.
std::optional<std::string_view> find(std::string_view header, std::string_view name);

enum class Transport { kAny, kHttpsOnly };  // kHttpsOnly adds `Secure`

// A Set-Cookie header value: `name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Lax` (plus
// `Secure` for kHttpsOnly). A `max_age` of 0 tells the browser to delete the cookie.
std::string set_cookie(std::string_view name, std::string_view value, long max_age,
                       Transport transport);

// `data` signed with `secret` for one `purpose` (a session value never passes as a flash value)
// with its expiry (Unix seconds) inside the signed part. The result is cookie-safe (base64url).
std::string seal(std::string_view purpose, std::string_view data, long expires,
                 std::string_view secret);

// The data of a value made by seal() with the same purpose and secret that has not expired at
// `now`; std::nullopt for anything tampered, malformed, foreign or expired. Constant-time check.
std::optional<std::string> unseal(std::string_view purpose, std::string_view sealed,
                                  std::string_view secret, long now);

}  // namespace mt::cookie
