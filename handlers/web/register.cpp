// handlers/web/register.cpp: GET/POST /register. Shows the sign-up form; creates the account
// with the same rules and storage as the simulator API (shared/accounts).
#include "shared/accounts.hpp"
#include "shared/fcgi.hpp"
#include "shared/form.hpp"
#include "shared/http.hpp"
#include "shared/pages.hpp"
#include "shared/session.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "POST") throw http::Error{http::kMethodNotAllowed};
  if (session::current_user(req, ctx)) return http::redirect("/");
  if (req.method() == "GET") return pages::sign_up(req, ctx, {});

  const form::Form form(req);
  const accounts::SignUp sign_up{form.get("username"), form.get("email"), form.get("password"),
                                 form.get("password2")};
  auto error = accounts::check(sign_up);
  if (!error) error = accounts::create(ctx.db, sign_up, ctx.config.password_cost);
  if (error) return pages::sign_up(req, ctx, {sign_up.username, sign_up.email, error});

  return session::flash(http::redirect("/login"), ctx,
                        "You were successfully registered and can login now");
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_register", mt::handle, mt::fcgi::kWebPage); }
