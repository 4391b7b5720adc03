// handlers/api/msgs_user.cpp: GET /msgs/<username>?no=N lists that user's newest messages;
// POST /msgs/<username> {"content"} posts one as that user.
#include <ctime>
#include <string_view>

#include "shared/api.hpp"
#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/json.hpp"
#include "shared/queries.hpp"

namespace mt {
namespace {

constexpr std::string_view kInsertMessage =
    "INSERT INTO message (author_id, text, pub_date, flagged) VALUES ($1, $2, $3, FALSE)";

http::Response list(const http::Request& req, Context& ctx, const std::string& username) {
  const long no = http::query_count(req, "no", api::kDefaultCount, api::kMaxCount);
  db::Tx tx(ctx.db, db::Mode::kRead);
  const auto author = queries::author_by_name(tx, username, no, std::nullopt);
  if (!author) throw http::Error{http::kNotFound, "User not found"};
  return api::messages_response(author->messages);
}

http::Response post(const http::Request& req, Context& ctx, const std::string& username) {
  const auto body = json::parse_object(req.body()).get<api::MessageBody>();
  db::Tx tx(ctx.db, db::Mode::kWrite);
  const auto author = queries::find_user_id(tx, username);
  if (!author) throw http::Error{http::kNotFound, "User not found"};
  tx.exec(kInsertMessage, *author, body.content, static_cast<long>(std::time(nullptr)));
  tx.commit();
  return http::no_content();
}

http::Response handle(const http::Request& req, Context& ctx) {
  const std::string& username = req.path_param("username");
  if (req.method() == "GET") return list(req, ctx, username);
  if (req.method() == "POST") return post(req, ctx, username);
  throw http::Error{http::kMethodNotAllowed};
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("api_msgs_user", mt::handle, mt::fcgi::kSimulatorApi); }
