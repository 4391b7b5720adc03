// handlers/web/public_timeline.cpp: GET /public. Everyone's newest messages, 30 per page.
#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/form.hpp"
#include "shared/http.hpp"
#include "shared/pages.hpp"
#include "shared/queries.hpp"
#include "shared/session.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "HEAD") throw http::Error{http::kMethodNotAllowed};
  const auto before = form::query_id(req, "before");
  session::current_user(req, ctx);  // for the navigation bar

  db::Tx tx(ctx.db, db::Mode::kRead);
  auto messages = queries::public_messages(tx, pages::kPerPage + 1, before);
  return pages::timeline(req, ctx, {pages::Timeline::Kind::kPublic, std::move(messages), {}});
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_public_timeline", mt::handle, mt::fcgi::kWebPage); }
