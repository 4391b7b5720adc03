// shared/queries: the SQL that more than one handler runs, each query once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/db.hpp"

namespace mt::queries {

// The id of the user with exactly this name; std::nullopt when there is none.
std::optional<long> find_user_id(db::Tx& tx, std::string_view username);

// The simulator's last processed action id; -1 when none was stored yet.
long latest(db::Tx& tx);
void set_latest(db::Tx& tx, long value);

struct Message {
  long id;
  std::string author;
  std::string email;
  std::string text;
  long pub_date;  // Unix seconds
};

// Up to `limit` newest unflagged messages (newest first, ties by newest id), optionally only
// those with an id below `before_id` (the next page), of everyone.
std::vector<Message> public_messages(db::Tx& tx, long limit, std::optional<long> before_id);

// The user named `username` and the same page of their own messages, in one round trip;
// std::nullopt when there is no such user.
struct Author {
  long id;
  std::vector<Message> messages;
};
std::optional<Author> author_by_name(db::Tx& tx, std::string_view username, long limit,
                                     std::optional<long> before_id);

// `who` follows `whom` (following twice is a no-op) / no longer does (a no-op if it did not).
void follow(db::Tx& tx, long who, long whom);
void unfollow(db::Tx& tx, long who, long whom);

// Rows of a message query that selects (message_id, username, email, text, pub_date).
std::vector<Message> to_messages(const pqxx::result& rows);

}  // namespace mt::queries
