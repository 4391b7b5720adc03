// shared/queries: the SQL that more than one handler runs, each query once.
#include "shared/queries.hpp"

#include <limits>

namespace mt::queries {
namespace {

constexpr std::string_view kFindUserId = "SELECT user_id FROM users WHERE username = $1";
// `latest` is a log (migration 004): each value is a new row, so concurrent simulator requests
// never wait for one another, and the newest row is the latest.
constexpr std::string_view kLatest = "SELECT value FROM latest ORDER BY id DESC LIMIT 1";
constexpr std::string_view kAddLatest = "INSERT INTO latest (value) VALUES ($1) RETURNING id";
constexpr std::string_view kPruneLatest = "DELETE FROM latest WHERE id <= $1";
constexpr long kLatestKept = 1000;  // every 1,000th writer drops what is older than that

// Paging by message id: "before" = strictly older in (pub_date, message_id) order. Ids grow
// with time, so the id alone identifies a page boundary without a second parameter.
constexpr std::string_view kPublicMessages =
    "SELECT m.message_id, u.username, u.email, m.text, m.pub_date "
    "FROM message m JOIN users u ON u.user_id = m.author_id "
    "WHERE NOT m.flagged AND (m.pub_date, m.message_id) < "
    "  (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $2), $3::bigint), $2) "
    "ORDER BY m.pub_date DESC, m.message_id DESC LIMIT $1";

// The author by name and their page of messages in one round trip: no row means no such
// user, one row with NULL message columns a user without (unflagged) messages.
constexpr std::string_view kAuthorByName =
    "SELECT a.user_id, m.message_id, a.username, a.email, m.text, m.pub_date "
    "FROM users a LEFT JOIN LATERAL ("
    "  SELECT message_id, text, pub_date FROM message "
    "  WHERE author_id = a.user_id AND NOT flagged AND (pub_date, message_id) < "
    "    (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $3), $4::bigint), $3) "
    "  ORDER BY pub_date DESC, message_id DESC LIMIT $2) m ON TRUE "
    "WHERE a.username = $1";

constexpr std::string_view kFollow =
    "INSERT INTO follower (who_id, whom_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr std::string_view kUnfollow = "DELETE FROM follower WHERE who_id = $1 AND whom_id = $2";

constexpr long kNoBound = std::numeric_limits<long>::max();

}  // namespace

std::optional<long> find_user_id(db::Tx& tx, std::string_view username) {
  const auto r = tx.exec(kFindUserId, std::string(username));
  if (r.empty()) return std::nullopt;
  return r[0][0].as<long>();
}

long latest(db::Tx& tx) {
  const auto r = tx.exec(kLatest);
  return r.empty() ? -1 : r[0][0].as<long>();
}

void set_latest(db::Tx& tx, long value) {
  const long id = tx.exec(kAddLatest, value)[0][0].as<long>();
  if (id % kLatestKept == 0) tx.exec(kPruneLatest, id - kLatestKept);
}

std::vector<Message> to_messages(const pqxx::result& rows) {
  std::vector<Message> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back(Message{row[0].as<long>(), row[1].as<std::string>(), row[2].as<std::string>(),
                          row[3].as<std::string>(), row[4].as<long>()});
  }
  return out;
}

std::vector<Message> public_messages(db::Tx& tx, long limit, std::optional<long> before_id) {
  return to_messages(tx.exec(kPublicMessages, limit, before_id.value_or(kNoBound), kNoBound));
}

std::optional<Author> author_by_name(db::Tx& tx, std::string_view username, long limit,
                                     std::optional<long> before_id) {
  const auto rows =
      tx.exec(kAuthorByName, std::string(username), limit, before_id.value_or(kNoBound), kNoBound);
  if (rows.empty()) return std::nullopt;
  Author author{rows[0][0].as<long>(), {}};
  author.messages.reserve(rows.size());
  for (const auto& row : rows) {
    if (row[1].is_null()) break;  // the one row of a user without messages
    author.messages.push_back(Message{row[1].as<long>(), row[2].as<std::string>(),
                                      row[3].as<std::string>(), row[4].as<std::string>(),
                                      row[5].as<long>()});
  }
  return author;
}

void follow(db::Tx& tx, long who, long whom) { tx.exec(kFollow, who, whom); }

void unfollow(db::Tx& tx, long who, long whom) { tx.exec(kUnfollow, who, whom); }

}  // namespace mt::queries
