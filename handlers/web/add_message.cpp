// handlers/web/add_message.cpp: POST /add_message. The signed-in user posts `text`.
#include <ctime>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "shared/api.hpp"
#include "shared/db.hpp"
#include "shared/fcgi.hpp"
#include "shared/form.hpp"
#include "shared/http.hpp"
#include "shared/session.hpp"
#include "shared/text.hpp"

namespace mt {
namespace {

constexpr std::string_view kInsertMessage =
    "INSERT INTO message (author_id, text, pub_date, flagged) VALUES ($1, $2, $3, FALSE)";

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "POST") throw http::Error{http::kMethodNotAllowed};
  const User me = session::require_user(req, ctx);
  const std::string text = form::Form(req).get("text");
  if (text.empty()) return http::redirect("/");
  if (!text::valid_utf8(text) || text::length(text) > api::kMaxMessage ||
      text.find('\0') != std::string::npos)
    throw http::Error{http::kBadRequest,
                      fmt::format("Your message was not recorded: a message is at most {} "
                                  "characters of text",
                                  api::kMaxMessage)};

  db::Tx tx(ctx.db, db::Mode::kWrite);
  tx.exec(kInsertMessage, me.id, text, static_cast<long>(std::time(nullptr)));
  tx.commit();
  return session::flash(http::redirect("/"), ctx, "Your message was recorded");
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_add_message", mt::handle, mt::fcgi::kWebPage); }
