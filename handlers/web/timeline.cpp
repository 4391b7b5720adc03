// handlers/web/timeline.cpp: GET /. The signed-in user's own and followed users' messages
// ("My Timeline"); signed out, the public timeline instead.
#include <limits>
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

// The first try: walk everyone's newest kWindow messages (an index-only scan of
// message_public_author_idx) and keep those of the user and the people they follow. When that
// finds $2 rows they are the answer (nothing newer was skipped); people who follow active
// users, most of them, get their page from here.
constexpr std::string_view kRecentOfFollowed =
    "SELECT m.message_id, u.username, u.email, m.text, m.pub_date FROM ("
    "  SELECT w.message_id, w.pub_date FROM ("
    "    SELECT message_id, pub_date, author_id FROM message "
    "    WHERE NOT flagged AND (pub_date, message_id) < "
    "      (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $3), $4::bigint), $3) "
    "    ORDER BY pub_date DESC, message_id DESC LIMIT $5) w "
    "  WHERE w.author_id = $1 OR w.author_id IN (SELECT whom_id FROM follower WHERE who_id = $1) "
    "  ORDER BY w.pub_date DESC, w.message_id DESC LIMIT $2) t "
    "JOIN message m ON m.message_id = t.message_id "
    "JOIN users u ON u.user_id = m.author_id "
    "ORDER BY t.pub_date DESC, t.message_id DESC";
constexpr long kWindow = 1000;

// Otherwise, newest first from the user and everyone they follow. Each author's newest
// (pub_date, message_id) pairs come from message_author_idx alone (an index-only scan, at most
// $2 each), so the cost follows the follow count, not the table; only the $2 survivors are read
// from message and users (EXPLAIN: no sequential scan, no bitmap scan of a prolific author's
// every message).
constexpr std::string_view kMyTimeline =
    "SELECT m.message_id, u.username, u.email, m.text, m.pub_date FROM ("
    "  SELECT p.message_id, p.pub_date "
    "  FROM (SELECT $1::bigint AS author_id "
    "        UNION SELECT whom_id FROM follower WHERE who_id = $1) a "
    "  CROSS JOIN LATERAL ("
    "    SELECT message_id, pub_date FROM message "
    "    WHERE author_id = a.author_id AND NOT flagged AND (pub_date, message_id) < "
    "      (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $3), $4::bigint), $3) "
    "    ORDER BY pub_date DESC, message_id DESC LIMIT $2) p "
    "  ORDER BY p.pub_date DESC, p.message_id DESC LIMIT $2) t "
    "JOIN message m ON m.message_id = t.message_id "
    "JOIN users u ON u.user_id = m.author_id "
    "ORDER BY t.pub_date DESC, t.message_id DESC";

constexpr long kNoBound = std::numeric_limits<long>::max();

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "HEAD") throw http::Error{http::kMethodNotAllowed};
  const auto before = form::query_id(req, "before");
  const auto me = session::current_user(req, ctx);
  if (!me) return http::redirect("/public");

  db::Tx tx(ctx.db, db::Mode::kRead);
  const long want = pages::kPerPage + 1;
  const long bound = before.value_or(kNoBound);
  auto rows = tx.exec(kRecentOfFollowed, me->id, want, bound, kNoBound, kWindow);
  if (rows.size() < static_cast<std::size_t>(want))
    rows = tx.exec(kMyTimeline, me->id, want, bound, kNoBound);
  return pages::timeline(req, ctx,
                         {pages::Timeline::Kind::kMine, queries::to_messages(rows), me->username});
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_timeline", mt::handle, mt::fcgi::kWebPage); }
