// shared/session: web sessions and flash messages as signed cookies (see shared/cookie).
#include "shared/session.hpp"

#include <charconv>
#include <ctime>
#include <string_view>

#include <fmt/format.h>

#include "shared/cookie.hpp"

namespace mt::session {
namespace {

constexpr std::string_view kSessionCookie = "mt_session";
constexpr std::string_view kFlashCookie = "mt_flash";

long now() { return static_cast<long>(std::time(nullptr)); }

cookie::Transport transport(const Context& ctx) {
  return ctx.config.secure_cookies ? cookie::Transport::kHttpsOnly : cookie::Transport::kAny;
}

// The verified data of cookie `name` in `req`; std::nullopt when absent or not genuine.
std::optional<std::string> read(const http::Request& req, const Context& ctx,
                                std::string_view name) {
  const auto header = req.header("COOKIE");
  if (!header) return std::nullopt;
  const auto value = cookie::find(*header, name);
  if (!value) return std::nullopt;
  return cookie::unseal(name, *value, ctx.config.session_secret, now());
}

http::Response with_cookie(http::Response res, std::string_view name, std::string_view value,
                           long max_age, const Context& ctx) {
  res.headers.emplace_back("Set-Cookie", cookie::set_cookie(name, value, max_age, transport(ctx)));
  return res;
}

// Session data is "<user id>|<username>"; the name goes last, so it may hold any character.
std::optional<User> parse_user(const std::string& data) {
  const auto bar = data.find('|');
  if (bar == std::string::npos) return std::nullopt;
  long id = 0;
  const auto [end, ec] = std::from_chars(data.data(), data.data() + bar, id);
  if (ec != std::errc{} || end != data.data() + bar) return std::nullopt;
  return User{id, data.substr(bar + 1)};
}

}  // namespace

std::optional<User> current_user(const http::Request& req, Context& ctx) {
  const auto data = read(req, ctx, kSessionCookie);
  if (!data) return std::nullopt;
  ctx.user = parse_user(*data);
  return ctx.user;
}

User require_user(const http::Request& req, Context& ctx) {
  auto user = current_user(req, ctx);
  if (!user) throw http::Error{http::kUnauthorized};
  return *std::move(user);
}

http::Response sign_in(http::Response res, const Context& ctx, const User& user) {
  const std::string value =
      cookie::seal(kSessionCookie, fmt::format("{}|{}", user.id, user.username),
                   now() + kSessionSeconds, ctx.config.session_secret);
  return with_cookie(std::move(res), kSessionCookie, value, kSessionSeconds, ctx);
}

http::Response sign_out(http::Response res, const Context& ctx) {
  return with_cookie(std::move(res), kSessionCookie, "", 0, ctx);
}

http::Response flash(http::Response res, const Context& ctx, const std::string& message) {
  const std::string value =
      cookie::seal(kFlashCookie, message, now() + kFlashSeconds, ctx.config.session_secret);
  return with_cookie(std::move(res), kFlashCookie, value, kFlashSeconds, ctx);
}

std::vector<std::string> flashes(const http::Request& req, const Context& ctx) {
  const auto data = read(req, ctx, kFlashCookie);
  if (!data || data->empty()) return {};
  return {*data};
}

void forget_flashes(http::Response& res, const Context& ctx) {
  res = with_cookie(std::move(res), kFlashCookie, "", 0, ctx);
}

}  // namespace mt::session
