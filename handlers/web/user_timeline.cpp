// handlers/web/user_timeline.cpp: GET /<username>. That user's messages, and for a signed-in
// visitor whether they follow the user (with a follow/unfollow link).
#include <optional>
#include <string_view>

#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/form.hpp"
#include "shared/http.hpp"
#include "shared/pages.hpp"
#include "shared/queries.hpp"
#include "shared/session.hpp"

namespace mt {
namespace {

constexpr std::string_view kIsFollowing =
    "SELECT 1 FROM follower WHERE who_id = $1 AND whom_id = $2";

pages::Relation relation(db::Tx& tx, const std::optional<User>& me, long owner_id) {
  if (!me) return pages::Relation::kStranger;
  if (me->id == owner_id) return pages::Relation::kSelf;
  if (tx.exec(kIsFollowing, me->id, owner_id).empty()) return pages::Relation::kNotFollowing;
  return pages::Relation::kFollowing;
}

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "HEAD") throw http::Error{http::kMethodNotAllowed};
  const std::string& username = req.path_param("username");
  const auto before = form::query_id(req, "before");
  const auto me = session::current_user(req, ctx);

  db::Tx tx(ctx.db, db::Mode::kRead);
  const auto owner = queries::find_user_id(tx, username);
  if (!owner) throw http::Error{http::kNotFound, "There is no user with that name."};
  auto messages = queries::author_messages(tx, *owner, pages::kPerPage + 1, before);
  return pages::timeline(
      req, ctx,
      {pages::Timeline::Kind::kUser, std::move(messages), username, relation(tx, me, *owner)});
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_user_timeline", mt::handle, mt::fcgi::kWebPage); }
