// handlers/web/login.cpp: GET/POST /login. Shows the sign-in form; signs the user in.
#include <string>

#include "shared/accounts.hpp"
#include "shared/fcgi.hpp"
#include "shared/form.hpp"
#include "shared/http.hpp"
#include "shared/pages.hpp"
#include "shared/password.hpp"
#include "shared/session.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "POST") throw http::Error{http::kMethodNotAllowed};
  if (session::current_user(req, ctx)) return http::redirect("/");
  if (req.method() == "GET") return pages::login(req, ctx, {});

  const form::Form form(req);
  const std::string username = form.get("username");
  const auto account = accounts::find_credentials(ctx.db, username);
  if (!account) return pages::login(req, ctx, {username, "Invalid username"});
  if (!password::verify(form.get("password"), account->pw_hash))
    return pages::login(req, ctx, {username, "Invalid password"});

  auto res = session::sign_in(http::redirect("/"), ctx, User{account->user_id, username});
  return session::flash(std::move(res), ctx, "You were logged in");
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_login", mt::handle, mt::fcgi::kWebPage); }
