// shared/pages: the web pages as typed view models, each rendered into the site's layout with
// the navigation for the signed-in user (ctx.user) and the flash messages, shown once.
#include "shared/pages.hpp"

#include <string_view>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "shared/session.hpp"
#include "shared/url.hpp"
#include "shared/view.hpp"

namespace mt::pages {
namespace {

constexpr int kAvatarSize = 48;
constexpr std::string_view kHtml = "text/html; charset=utf-8";

std::string user_path(const std::string& username) { return "/" + url::encode(username); }

// The layout's context: title, navigation, flashes.
mstch::map layout(const Context& ctx, const std::string& title,
                  const std::vector<std::string>& flashes) {
  mstch::array items;
  for (const auto& f : flashes) items.emplace_back(f);
  mstch::map m{{"title", title}, {"has_flashes", !flashes.empty()}, {"flashes", items}};
  if (ctx.user) m.emplace("user", mstch::map{{"username", ctx.user->username}});
  return m;
}

http::Response render(const http::Request& req, const Context& ctx, const std::string& page,
                      const std::string& title, const mstch::map& data) {
  const auto flashes = session::flashes(req, ctx);
  mstch::map context = layout(ctx, title, flashes);
  for (const auto& [key, value] : data) context.insert_or_assign(key, value);
  http::Response res{http::kOk, std::string(kHtml), ctx.templates->render(page, context), {}};
  if (!flashes.empty()) session::forget_flashes(res, ctx);
  return res;
}

// Each author's link and avatar are made once per page: a user page has one author, and an
// md5 per message was a tenth of its rendering time.
mstch::array messages_model(const std::vector<queries::Message>& messages) {
  struct Author {
    std::string url;
    std::string avatar;
  };
  std::unordered_map<std::string_view, Author> authors;
  mstch::array out;
  out.reserve(messages.size());
  for (const auto& m : messages) {
    auto [it, added] = authors.try_emplace(m.author);
    if (added) it->second = {user_path(m.author), view::gravatar_url(m.email, kAvatarSize)};
    out.emplace_back(mstch::map{{"author", m.author},
                                {"author_url", it->second.url},
                                {"avatar", it->second.avatar},
                                {"text", m.text},
                                {"date", view::format_date(m.pub_date)}});
  }
  return out;
}

std::string title_of(const Timeline& page) {
  switch (page.kind) {
    case Timeline::Kind::kMine:
      return "My Timeline";
    case Timeline::Kind::kPublic:
      return "Public Timeline";
    case Timeline::Kind::kUser:
      return page.owner + "'s Timeline";
  }
  return "Timeline";
}

std::string path_of(const Timeline& page) {
  switch (page.kind) {
    case Timeline::Kind::kMine:
      return "/";
    case Timeline::Kind::kPublic:
      return "/public";
    case Timeline::Kind::kUser:
      return user_path(page.owner);
  }
  return "/";
}

mstch::map profile_model(const Timeline& page) {
  return mstch::map{{"url", user_path(page.owner)},
                    {"signed_in", page.relation != Relation::kStranger},
                    {"self", page.relation == Relation::kSelf},
                    {"following", page.relation == Relation::kFollowing},
                    {"not_following", page.relation == Relation::kNotFollowing}};
}

}  // namespace

http::Response timeline(const http::Request& req, Context& ctx, Timeline page) {
  mstch::map data{{"heading", title_of(page)}};
  if (page.messages.size() > static_cast<std::size_t>(kPerPage)) {
    page.messages.resize(kPerPage);
    data.emplace("older", fmt::format("{}?before={}", path_of(page), page.messages.back().id));
  }
  data.emplace("messages", messages_model(page.messages));
  if (page.kind == Timeline::Kind::kMine)
    data.emplace("compose", mstch::map{{"username", page.owner}});
  if (page.kind == Timeline::Kind::kUser) data.emplace("profile", profile_model(page));
  return render(req, ctx, "timeline", title_of(page), data);
}

http::Response login(const http::Request& req, Context& ctx, const Login& page) {
  mstch::map data{{"username", page.username}};
  if (page.error) data.emplace("error", mstch::map{{"text", *page.error}});
  return render(req, ctx, "login", "Sign In", data);
}

http::Response sign_up(const http::Request& req, Context& ctx, const Register& page) {
  mstch::map data{{"username", page.username}, {"email", page.email}};
  if (page.error) data.emplace("error", mstch::map{{"text", *page.error}});
  return render(req, ctx, "register", "Sign Up", data);
}

http::Response error(const Context& ctx, int status, const std::string& message) {
  mstch::map context = layout(ctx, http::status_line(status).substr(4), {});
  context.emplace("heading", http::status_line(status).substr(4));
  context.emplace("message", message);
  context.emplace("sign_in", status == http::kUnauthorized && !ctx.user);
  return http::Response{status, std::string(kHtml), ctx.templates->render("error", context), {}};
}

}  // namespace mt::pages
