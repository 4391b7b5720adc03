// handlers/metrics.cpp: GET /metrics. Prometheus text format: the counters of every process of
// every handler (shared/metrics) plus business gauges read from PostgreSQL.
#include "shared/metrics.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <pqxx/pqxx>

#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/queries.hpp"

namespace mt {
namespace {

constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

// Row counts that stay cheap at any size: below 100k rows (or before the first ANALYZE) an
// exact count(*) (index-only on the primary key); above, the planner's own estimate scaled
// to the table's current size (reltuples/relpages * pages now), which is within a few percent.
// COALESCE evaluates its count(*) init-plans only when the estimate is NULL.
constexpr std::string_view kRowCounts =
    "WITH est AS ("
    "  SELECT c.oid, CASE WHEN c.relpages > 0 AND c.reltuples >= 100000 THEN"
    "    (c.reltuples / c.relpages * (pg_relation_size(c.oid) /"
    "     current_setting('block_size')::bigint))::bigint END AS n"
    "  FROM pg_class c"
    "  WHERE c.oid IN ('users'::regclass, 'message'::regclass, 'follower'::regclass))"
    "SELECT"
    "  COALESCE((SELECT n FROM est WHERE oid = 'users'::regclass), (SELECT count(*) FROM users)),"
    "  COALESCE((SELECT n FROM est WHERE oid = 'message'::regclass),"
    "           (SELECT count(*) FROM message)),"
    "  COALESCE((SELECT n FROM est WHERE oid = 'follower'::regclass),"
    "           (SELECT count(*) FROM follower))";

std::string business_gauges(Context& ctx) {
  db::Tx tx(ctx.db, db::Mode::kRead);
  const pqxx::row counts = tx.exec(kRowCounts)[0];
  const long latest = queries::latest(tx);
  return metrics::render_gauge("minitwit_users", "Registered users (exact below 100k rows).",
                               counts[0].as<double>()) +
         metrics::render_gauge("minitwit_messages", "Messages incl. flagged (exact below 100k).",
                               counts[1].as<double>()) +
         metrics::render_gauge("minitwit_follows", "Follow relations (exact below 100k rows).",
                               counts[2].as<double>()) +
         metrics::render_gauge("minitwit_simulator_latest", "The simulator's latest action id.",
                               static_cast<double>(latest));
}

// The gauges (on a fresh connection if the old one was dropped), or std::nullopt when
// PostgreSQL cannot be queried (the connection is then reset).
std::optional<std::string> try_business_gauges(Context& ctx) {
  try {
    return db::with_reconnect(ctx.db, [&] { return business_gauges(ctx); });
  } catch (const pqxx::failure&) {
    // Means "database down" here: the request counters must still reach Prometheus.
    ctx.db.reset();
    return std::nullopt;
  }
}

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "HEAD") throw http::Error{http::kMethodNotAllowed};

  std::string body = metrics::render();
  const auto gauges = try_business_gauges(ctx);
  if (!gauges) metrics::count_db_error(metrics::DbError::kUnreachable);
  body += gauges.value_or("");
  body += metrics::render_gauge(
      "minitwit_database_up", "1 when the metrics handler could query PostgreSQL.", gauges ? 1 : 0);
  return http::Response{http::kOk, std::string(kContentType), std::move(body), {}};
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("metrics", mt::handle); }
