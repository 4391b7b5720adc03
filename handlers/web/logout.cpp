// handlers/web/logout.cpp: GET /logout. Signs the user out and goes to the public timeline.
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/session.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET") throw http::Error{http::kMethodNotAllowed};
  session::current_user(req, ctx);  // for the access log

  auto res = session::sign_out(http::redirect("/public"), ctx);
  return session::flash(std::move(res), ctx, "You were logged out");
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_logout", mt::handle, mt::fcgi::kWebPage); }
