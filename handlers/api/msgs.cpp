// handlers/api/msgs.cpp: GET /msgs?no=N. The N newest unflagged messages of everyone.
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

  db::Tx tx(ctx.db, db::Mode::kRead);
  const auto messages = queries::public_messages(tx, no, std::nullopt);
  return api::messages_response(messages);
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("api_msgs", mt::handle, mt::fcgi::kSimulatorApi); }
