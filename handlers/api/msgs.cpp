// handlers/api/msgs.cpp: GET /msgs?no=N. The N newest unflagged messages of everyone; the same
// list for every caller until the next write, so it is reused until then (shared/cache).
#include <string>

#include "shared/api.hpp"
#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/queries.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET") throw http::Error{http::kMethodNotAllowed};
  const long no = http::query_count(req, "no", api::kDefaultCount, api::kMaxCount);

  return ctx.answers.reuse_or(std::to_string(no), [&] {
    db::Tx tx(ctx.db, db::Mode::kRead);
    return api::messages_response(queries::public_messages(tx, no, std::nullopt));
  });
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("api_msgs", mt::handle, mt::fcgi::kSimulatorApi); }
