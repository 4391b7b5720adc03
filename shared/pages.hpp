// shared/pages: the web pages as typed view models, each rendered into the site's layout with
// the navigation for the signed-in user (ctx.user) and the flash messages, shown once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/context.hpp"
#include "shared/http.hpp"
#include "shared/queries.hpp"

namespace mt::pages {

constexpr long kPerPage = 30;  // messages per timeline page

// What a signed-in visitor is to the owner of a user page.
enum class Relation { kStranger, kSelf, kFollowing, kNotFollowing };  // kStranger: signed out

struct Timeline {
  enum class Kind { kMine, kPublic, kUser };
  Kind kind;
  std::vector<queries::Message> messages;  // newest first; up to kPerPage + 1 (the extra one
                                           // only says that an older page exists)
  std::string owner;                       // kUser: whose page; kMine: the signed-in user
  Relation relation = Relation::kStranger;
};

// "My Timeline", "Public Timeline" or "USERNAME's Timeline", with a link to the next older page.
http::Response timeline(const http::Request& req, Context& ctx, Timeline page);

// The sign-in form; `username` is what was typed, `error` the text after "Error: ".
struct Login {
  std::string username;
  std::optional<std::string> error;
};
http::Response login(const http::Request& req, Context& ctx, const Login& page);

// The sign-up form, keeping what was typed except the passwords.
struct Register {
  std::string username;
  std::string email;
  std::optional<std::string> error;
};
http::Response sign_up(const http::Request& req, Context& ctx, const Register& page);

// An error page (404 unknown user, 401, 500 with request id, 503) in the layout. Needs
// ctx.templates; shows no flash messages (they wait for the next proper page).
http::Response error(const Context& ctx, int status, const std::string& message);

}  // namespace mt::pages
