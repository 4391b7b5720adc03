// shared/accounts: sign-up rules and storage, the same for the web form and the simulator API.
#include "shared/accounts.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "shared/password.hpp"
#include "shared/text.hpp"

namespace mt::accounts {
namespace {

constexpr std::string_view kUsernameTaken = "The username is already taken";

constexpr std::string_view kExists = "SELECT 1 FROM users WHERE username = $1";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, email, pw_hash) VALUES ($1, $2, $3) "
    "ON CONFLICT (username) DO NOTHING RETURNING user_id";
constexpr std::string_view kCredentials = "SELECT user_id, pw_hash FROM users WHERE username = $1";

// Names the site's own routes use at the top level: a user page there could never be reached.
constexpr std::array<std::string_view, 16> kReserved = {
    "public", "login",  "logout", "register", "add_message", "static",     "api",    "metrics",
    "health", "latest", "msgs",   "fllws",    "favicon.ico", "robots.txt", "follow", "unfollow"};

bool reserved(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kReserved.begin(), kReserved.end(), lower) != kReserved.end();
}

}  // namespace

std::optional<std::string> check(const SignUp& form) {
  if (form.username.empty()) return "You have to enter a username";
  if (text::length(form.username) > kMaxUsername)
    return "The username must be at most 64 characters";
  if (!text::valid_utf8(form.username) || text::has_control(form.username) ||
      form.username.find('/') != std::string::npos)
    return "The username may not contain \"/\" or control characters";
  if (reserved(form.username)) return std::string(kUsernameTaken);
  if (form.email.empty() || form.email.find('@') == std::string::npos)
    return "You have to enter a valid email address";
  if (form.email.size() > kMaxEmail || !text::valid_utf8(form.email) ||
      text::has_control(form.email))
    return "You have to enter a valid email address";
  if (form.password.empty()) return "You have to enter a password";
  if (form.password != form.password2) return "The two passwords do not match";
  if (form.password.size() > kMaxPassword) return "The password must be at most 1024 bytes";
  return std::nullopt;
}

std::optional<std::string> create(db::Db& db, const SignUp& form,
                                  const config::PasswordCost& cost) {
  {
    db::Tx read(db, db::Mode::kRead);  // cheap check first: hashing costs ~20 ms of CPU
    if (!read.exec(kExists, form.username).empty()) return std::string(kUsernameTaken);
  }
  const std::string hash = password::hash(form.password, cost);
  db::Tx tx(db, db::Mode::kWrite);
  const auto inserted = tx.exec(kInsertUser, form.username, form.email, hash);
  if (inserted.empty()) return std::string(kUsernameTaken);
  tx.commit();
  return std::nullopt;
}

std::optional<Credentials> find_credentials(db::Db& db, const std::string& username) {
  // check() admits no such name; PostgreSQL would refuse invalid UTF-8 and NUL with an error.
  if (username.size() > kMaxUsername * 4 || !text::valid_utf8(username) ||
      text::has_control(username))
    return std::nullopt;
  db::Tx tx(db, db::Mode::kRead);
  const auto r = tx.exec(kCredentials, username);
  if (r.empty()) return std::nullopt;
  return Credentials{r[0][0].as<long>(), r[0][1].as<std::string>()};
}

}  // namespace mt::accounts
