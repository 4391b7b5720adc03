// handlers/web/unfollow.cpp: GET /<username>/unfollow. The signed-in user unfollows <username>.
#include <fmt/format.h>

#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/origin.hpp"
#include "shared/queries.hpp"
#include "shared/session.hpp"
#include "shared/url.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET") throw http::Error{http::kMethodNotAllowed};
  origin::require_same_site(req);  // a GET that changes data: never from another site
  const User me = session::require_user(req, ctx);
  const std::string& username = req.path_param("username");

  db::Tx tx(ctx.db, db::Mode::kWrite);
  const auto whom = queries::find_user_id(tx, username);
  if (!whom) throw http::Error{http::kNotFound, "There is no user with that name."};
  queries::unfollow(tx, me.id, *whom);
  tx.commit();
  return session::flash(http::redirect("/" + url::encode(username)), ctx,
                        fmt::format("You are no longer following \"{}\"", username));
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_unfollow", mt::handle, mt::fcgi::kWebPage); }
