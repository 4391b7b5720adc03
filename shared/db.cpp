// shared/db: this process's one PostgreSQL connection, prepared statements, transactions.
#include "shared/db.hpp"

#include "shared/cache.hpp"

namespace mt::db {

pqxx::connection& Db::conn() {
  if (!conn_) {
    statements_.clear();
    conn_ = std::make_unique<pqxx::connection>(url_);
  }
  return *conn_;
}

const std::string& Db::prepared(std::string_view sql) {
  const std::string key(sql);
  auto it = statements_.find(key);
  if (it != statements_.end()) return it->second;
  std::string name = "s" + std::to_string(statements_.size());
  conn().prepare(name, key);
  return statements_.emplace(key, std::move(name)).first->second;
}

Tx::Tx(Db& db, Mode mode) : db_(db) {
  if (mode == Mode::kWrite) {
    tx_ = std::make_unique<pqxx::work>(db.conn());
  } else {
    tx_ = std::make_unique<pqxx::nontransaction>(db.conn());
  }
}

void Tx::commit() {
  try {
    tx_->commit();
  } catch (...) {
    cache::changed();
    throw;
  }
  cache::changed();
}

bool Db::lost(const pqxx::sql_error& e) const {
  const std::string& state = e.sqlstate();
  // 08: connection exception; 57: operator intervention (admin shutdown, crash recovery).
  return !conn_ || !conn_->is_open() || state.rfind("08", 0) == 0 || state.rfind("57", 0) == 0;
}

void Db::reset() {
  conn_.reset();
  statements_.clear();
}

}  // namespace mt::db
