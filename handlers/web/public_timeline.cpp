// handlers/web/public_timeline.cpp: GET /public. Everyone's newest messages, 30 per page. A page
// is the same for every visitor with the same name and no flash message until the next write,
// so it is reused until then (shared/cache).
#include <optional>
#include <string>

#include <fmt/format.h>

#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/form.hpp"
#include "shared/http.hpp"
#include "shared/pages.hpp"
#include "shared/queries.hpp"
#include "shared/session.hpp"

namespace mt {
namespace {

http::Response page(const http::Request& req, Context& ctx, std::optional<long> before) {
  db::Tx tx(ctx.db, db::Mode::kRead);
  auto messages = queries::public_messages(tx, pages::kPerPage + 1, before);
  return pages::timeline(req, ctx, {pages::Timeline::Kind::kPublic, std::move(messages), {}});
}

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "GET" && req.method() != "HEAD") throw http::Error{http::kMethodNotAllowed};
  const auto before = form::query_id(req, "before");
  session::current_user(req, ctx);  // for the navigation bar

  if (!session::flashes(req, ctx).empty()) return page(req, ctx, before);  // shown once
  const std::string key =
      fmt::format("{}/{}", before.value_or(0), ctx.user ? ctx.user->username : "");
  return ctx.answers.reuse_or(key, [&] { return page(req, ctx, before); });
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_public_timeline", mt::handle, mt::fcgi::kWebPage); }
