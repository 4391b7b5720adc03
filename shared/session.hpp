// shared/session: web sessions and flash messages as signed cookies (see shared/cookie).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/context.hpp"
#include "shared/http.hpp"

namespace mt::session {

constexpr long kSessionSeconds = 14L * 24 * 60 * 60;  // a sign-in lasts two weeks
constexpr long kFlashSeconds = 5L * 60;               // an unseen flash message, five minutes

// The signed-in user of `req`: its session cookie's signature and expiry check out. Also
// remembered in ctx.user. std::nullopt when signed out (or the cookie is tampered or expired).
std::optional<User> current_user(const http::Request& req, Context& ctx);

// The signed-in user of `req`. Throws http::Error 401 when signed out.
User require_user(const http::Request& req, Context& ctx);

// `res` with a session cookie that signs `user` in / with the session cookie removed.
http::Response sign_in(http::Response res, const Context& ctx, const User& user);
http::Response sign_out(http::Response res, const Context& ctx);

// `res` with `message` queued for the next page shown (replaces any flash still unseen).
http::Response flash(http::Response res, const Context& ctx, const std::string& message);

// The flash messages `req` carries, oldest first; empty when there are none. A page that shows
// them calls forget_flashes() on its response so they are shown once.
std::vector<std::string> flashes(const http::Request& req, const Context& ctx);
void forget_flashes(http::Response& res, const Context& ctx);

}  // namespace mt::session
