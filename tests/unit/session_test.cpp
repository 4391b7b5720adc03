// Unit tests of shared/session: sign-in cookies and flash messages, end to end through headers.
#include "shared/session.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "shared/config.hpp"

namespace {

mt::config::Config test_config() {
  mt::config::Config c{};
  c.service = "test";
  c.session_secret = std::string(48, 's');
  return c;
}

// The value part of the Set-Cookie header for `name` in `res` ("" when absent).
std::string cookie_of(const mt::http::Response& res, const std::string& name) {
  for (const auto& [header, value] : res.headers) {
    if (header == "Set-Cookie" && value.rfind(name + "=", 0) == 0)
      return value.substr(0, value.find(';'));
  }
  return "";
}

mt::http::Request request_with_cookie(const std::string& cookie) {
  return mt::http::Request({{"REQUEST_METHOD", "GET"}, {"HTTP_COOKIE", cookie}}, "");
}

}  // namespace

TEST_CASE("session: a signed-in user comes back from the cookie", "[session]") {
  const auto config = test_config();
  mt::Context ctx{config, mt::db::Db(""), nullptr, std::nullopt};
  const auto res = mt::session::sign_in(mt::http::redirect("/"), ctx, mt::User{7, "a|b c"});
  const std::string cookie = cookie_of(res, "mt_session");
  REQUIRE_FALSE(cookie.empty());
  CHECK(res.headers.back().second.find("HttpOnly; SameSite=Lax") != std::string::npos);

  const auto user = mt::session::current_user(request_with_cookie(cookie), ctx);
  REQUIRE(user);
  CHECK(user->id == 7);
  CHECK(user->username == "a|b c");
  CHECK(ctx.user->id == 7);
}

TEST_CASE("session: no, tampered or foreign cookies mean signed out", "[session]") {
  const auto config = test_config();
  mt::Context ctx{config, mt::db::Db(""), nullptr, std::nullopt};
  const auto flashed = mt::session::flash(mt::http::redirect("/"), ctx, "7|x");
  const std::string flash_value = cookie_of(flashed, "mt_flash").substr(9);

  CHECK_FALSE(mt::session::current_user(request_with_cookie(""), ctx));
  CHECK_FALSE(mt::session::current_user(request_with_cookie("mt_session=junk.junk"), ctx));
  CHECK_FALSE(mt::session::current_user(request_with_cookie("mt_session=" + flash_value), ctx));
  CHECK_FALSE(ctx.user);
  CHECK_THROWS_AS(mt::session::require_user(request_with_cookie(""), ctx), mt::http::Error);
}

TEST_CASE("session: secure cookies when configured", "[session]") {
  auto config = test_config();
  config.secure_cookies = true;
  const mt::Context ctx{config, mt::db::Db(""), nullptr, std::nullopt};
  const auto res = mt::session::sign_out(mt::http::redirect("/"), ctx);
  CHECK(res.headers.back().second ==
        "mt_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
}

TEST_CASE("session: flash message survives one redirect", "[session]") {
  const auto config = test_config();
  const mt::Context ctx{config, mt::db::Db(""), nullptr, std::nullopt};
  const auto res = mt::session::flash(mt::http::redirect("/"), ctx, "You are now following \"x\"");
  const auto next = request_with_cookie(cookie_of(res, "mt_flash"));
  const auto shown = mt::session::flashes(next, ctx);
  REQUIRE(shown.size() == 1);
  CHECK(shown[0] == "You are now following \"x\"");

  mt::http::Response page{};
  mt::session::forget_flashes(page, ctx);
  CHECK(cookie_of(page, "mt_flash") == "mt_flash=");
  CHECK(mt::session::flashes(request_with_cookie("mt_flash="), ctx).empty());
}
