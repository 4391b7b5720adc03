// shared/db: this process's one PostgreSQL connection, prepared statements, transactions.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <pqxx/pqxx>

namespace mt::db {

// The process's connection. Connects lazily on first use; after pqxx::broken_connection the
// caller (fcgi::serve) calls reset() and the next request connects afresh.
class Db {
 public:
  explicit Db(std::string url) : url_(std::move(url)) {}

  // The live connection, connecting first if needed. Throws pqxx::broken_connection.
  pqxx::connection& conn();
  // The name of the prepared statement for `sql`, preparing it on this connection once.
  const std::string& prepared(std::string_view sql);
  // Forgets the connection (and its prepared statements).
  void reset();
  // True when `e` means the database went away (connection lost, server shutting down) rather
  // than a bad statement; the caller then resets and answers 503.
  bool lost(const pqxx::sql_error& e) const;

 private:
  std::string url_;
  std::unique_ptr<pqxx::connection> conn_;
  std::unordered_map<std::string, std::string> statements_;  // sql -> statement name
};

// Runs `work()` and, when it failed because PostgreSQL dropped the connection (a server restart
// is only noticed on the connection's next use), once more on a fresh connection. Safe for
// any `work`: a statement that failed that way committed nothing, and a commit whose outcome
// is unknown throws pqxx::in_doubt_error, which is not retried. Rethrows the second failure.
template <typename Work>
auto with_reconnect(Db& db, Work&& work) -> decltype(work()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return work();
    } catch (const pqxx::broken_connection&) {
      if (attempt == 2) throw;
    } catch (const pqxx::sql_error& e) {
      if (attempt == 2 || !db.lost(e)) throw;
    }
    db.reset();
  }
}

enum class Mode {
  kRead,   // pqxx::nontransaction: each statement autocommits; no BEGIN/COMMIT round trips
  kWrite,  // pqxx::work: commit() makes every statement durable at once; else rolled back
};

// A transaction that runs SQL text as prepared statements on the process's connection.
// Throws pqxx::broken_connection when the database is unreachable.
class Tx {
 public:
  Tx(Db& db, Mode mode);

  template <typename... Args>
  pqxx::result exec(std::string_view sql, Args&&... args) {
    return tx_->exec_prepared(db_.prepared(sql), std::forward<Args>(args)...);
  }
  // Commits, then tells the cache (shared/cache) that the data changed: also when the commit
  // fails, since its outcome may be unknown.
  void commit();

 private:
  Db& db_;
  std::unique_ptr<pqxx::transaction_base> tx_;
};

}  // namespace mt::db
