// shared/context: the per-process state a handler may use, owned by fcgi::serve.
#pragma once

#include <optional>
#include <string>

#include "shared/cache.hpp"
#include "shared/config.hpp"
#include "shared/db.hpp"
#include "shared/http.hpp"

namespace mt {

namespace view {
class Templates;
}

// A signed-in user of the web site.
struct User {
  long id;
  std::string username;
};

struct Context {
  const config::Config& config;
  db::Db db;  // this process's connection; reset by serve after the database went away
  const view::Templates* templates = nullptr;  // the web pages, loaded once by serve; else null
  std::optional<User> user;  // who sent the current request (session::current_user sets it,
                             // serve clears it): for the access log and error pages
  // Answers this process may send again (shared/cache): few keys per route, a few KiB each.
  cache::Memo<http::Response> answers{64, std::chrono::milliseconds(config.cache_max_age_ms)};
};

}  // namespace mt
