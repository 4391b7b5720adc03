// handlers/health.cpp: GET /health. 200 when this handler reaches PostgreSQL, else 503.
#include <string_view>

#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/json.hpp"

namespace mt {
namespace {

constexpr std::string_view kPing = "SELECT 1";

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "HEAD") throw http::Error{http::kMethodNotAllowed};

  db::Tx tx(ctx.db, db::Mode::kRead);
  tx.exec(kPing);  // pqxx::broken_connection here becomes 503 in serve
  return json::response(http::kOk, {{"status", "ok"}, {"database", "up"}});
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("health", mt::handle); }
