// handlers/api/fllws.cpp: GET /fllws/<username>?no=N lists whom the user follows;
// POST /fllws/<username> {"follow"|"unfollow": NAME} changes it.
#include <string_view>

#include "shared/api.hpp"
#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/json.hpp"
#include "shared/queries.hpp"

namespace mt {
namespace {

// The user by name and whom they follow in one round trip: no row means no such user, one row
// with a NULL name a user who follows nobody.
constexpr std::string_view kFollows =
    "SELECT w.username FROM users u LEFT JOIN LATERAL ("
    "  SELECT v.username FROM follower f JOIN users v ON v.user_id = f.whom_id "
    "  WHERE f.who_id = u.user_id ORDER BY f.whom_id LIMIT $2) w ON TRUE "
    "WHERE u.username = $1";

http::Response list(const http::Request& req, Context& ctx, const std::string& username) {
  const long no = http::query_count(req, "no", api::kDefaultCount, api::kMaxCount);
  db::Tx tx(ctx.db, db::Mode::kRead);
  const auto rows = tx.exec(kFollows, username, no);
  if (rows.empty()) throw http::Error{http::kNotFound, "User not found"};
  nlohmann::json follows = nlohmann::json::array();
  for (const auto& row : rows) {
    if (!row[0].is_null()) follows.push_back(row[0].as<std::string>());
  }
  return json::response(http::kOk, {{"follows", follows}});
}

http::Response change(const http::Request& req, Context& ctx, const std::string& username) {
  const auto body = json::parse_object(req.body()).get<api::FollowBody>();
  db::Tx tx(ctx.db, db::Mode::kWrite);
  const auto who = queries::find_user_id(tx, username);
  if (!who) throw http::Error{http::kNotFound, "User not found"};
  const auto whom = queries::find_user_id(tx, body.username);
  if (!whom) throw http::Error{http::kNotFound, "User to (un)follow not found"};
  if (body.action == api::FollowBody::Action::kFollow) {
    queries::follow(tx, *who, *whom);
  } else {
    queries::unfollow(tx, *who, *whom);
  }
  tx.commit();
  return http::no_content();
}

http::Response handle(const http::Request& req, Context& ctx) {
  const std::string& username = req.path_param("username");
  if (req.method() == "GET") return list(req, ctx, username);
  if (req.method() == "POST") return change(req, ctx, username);
  throw http::Error{http::kMethodNotAllowed};
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("api_fllws", mt::handle, mt::fcgi::kSimulatorApi); }
