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
  auto owner = queries::author_by_name(tx, username, pages::kPerPage + 1, before);
  if (!owner) throw http::Error{http::kNotFound, "There is no user with that name."};
  const auto related = relation(tx, me, owner->id);
  return pages::timeline(
      req, ctx, {pages::Timeline::Kind::kUser, std::move(owner->messages), username, related});
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_user_timeline", mt::handle, mt::fcgi::kWebPage); }
