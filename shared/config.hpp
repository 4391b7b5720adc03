// shared/config: the settings every handler process reads once from its environment.
#pragma once

#include <cstddef>
#include <string>

namespace mt::config {

// Argon2id cost for password hashes (libsodium opslimit = passes, memlimit in bytes).
struct PasswordCost {
  unsigned long long ops;
  std::size_t mem_bytes;
};

struct Config {
  std::string service;       // handler name, used in logs and metrics ("api_msgs")
  std::string database_url;  // libpq connection string
  std::string sim_user;      // simulator Basic auth credentials
  std::string sim_password;
  std::size_t max_body_bytes;
  PasswordCost password_cost;
  std::string session_secret;  // HMAC key for web session cookies; empty for API-only handlers
  bool secure_cookies;         // add `Secure` to cookies (site served over HTTPS)
  std::string metrics_file;    // shared-memory file that aggregates metrics across processes
  std::string changes_file;    // shared-memory change counter of cache (empty: no reuse)
  long cache_max_age_ms;       // the longest a reused answer may be sent again (0: never)
  std::string template_dir;    // the web pages' mustache templates; empty for API-only handlers
};

// Reads MINITWIT_* variables (see README "Configuration"), falling back to safe defaults.
// `service` names the handler. Throws std::runtime_error on a malformed value.
Config from_env(std::string service);

}  // namespace mt::config
