// shared/password: argon2id password hashes through libsodium (never a fast hash).
#pragma once

#include <string>
#include <string_view>

#include "shared/config.hpp"

namespace mt::password {

// An encoded argon2id hash ("$argon2id$v=19$m=...") of `plain` at the given cost.
// Throws std::runtime_error if libsodium cannot allocate the memory the cost asks for.
std::string hash(std::string_view plain, const config::PasswordCost& cost);

// True when `plain` matches `encoded` (as made by hash(), at whatever cost it was made).
// A malformed `encoded` is simply no match.
bool verify(std::string_view plain, const std::string& encoded);

}  // namespace mt::password
