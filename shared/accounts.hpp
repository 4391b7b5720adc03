// shared/accounts: sign-up rules and storage, the same for the web form and the simulator API.
#pragma once

#include <optional>
#include <string>

#include "shared/config.hpp"
#include "shared/db.hpp"

namespace mt::accounts {

constexpr std::size_t kMaxUsername = 64;
constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxPassword = 1024;

struct SignUp {
  std::string username;
  std::string email;
  std::string password;
  std::string password2;  // the web form's repetition; the API passes `password` again
};

// The first rule `form` breaks, as the text users see ("You have to enter a username", ...),
// in SPEC order; std::nullopt when the form is acceptable (the name may still be taken).
std::optional<std::string> check(const SignUp& form);

// Stores a new user with an argon2id hash of the password. Returns the error text when the
// name is already taken (checked race-free by the unique index), else std::nullopt.
std::optional<std::string> create(db::Db& db, const SignUp& form, const config::PasswordCost& cost);

struct Credentials {
  long user_id;
  std::string pw_hash;
};

// The stored id and password hash of `username`; std::nullopt for an unknown name.
std::optional<Credentials> find_credentials(db::Db& db, const std::string& username);

}  // namespace mt::accounts
