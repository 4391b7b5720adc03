// handlers/api/latest.cpp: GET /latest. The simulator's last processed action id (open to all).
#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/json.hpp"
#include "shared/queries.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET") throw http::Error{http::kMethodNotAllowed};

  db::Tx tx(ctx.db, db::Mode::kRead);
  return json::response(http::kOk, {{"latest", queries::latest(tx)}});
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("api_latest", mt::handle); }
