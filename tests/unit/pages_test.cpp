// Unit tests of shared/pages: the view models rendered through the real templates.
#include "shared/pages.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "shared/config.hpp"
#include "shared/session.hpp"
#include "shared/view.hpp"

namespace {

std::string template_dir() {
  const std::string here = __FILE__;
  return here.substr(0, here.rfind("/tests/unit/")) + "/templates";
}

struct Fixture {
  Fixture() {
    config.service = "test";
    config.session_secret = std::string(48, 's');
  }
  mt::config::Config config{};
  mt::view::Templates templates = mt::view::Templates::load(template_dir());
  mt::Context ctx{config, mt::db::Db(""), &templates, std::nullopt};
  mt::http::Request plain{{{"REQUEST_METHOD", "GET"}}, ""};
};

std::vector<mt::queries::Message> messages(long count) {
  std::vector<mt::queries::Message> out;
  for (long id = count; id >= 1; --id)
    out.push_back({id, "a\"b", "a@b", "message " + std::to_string(id), 1'700'000'000 + id});
  return out;
}

bool has(const std::string& html, const std::string& needle) {
  return html.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "pages: a full page links to the next older one", "[pages]") {
  using Kind = mt::pages::Timeline::Kind;
  const auto full = mt::pages::timeline(plain, ctx, {Kind::kPublic, messages(31), {}});
  CHECK(full.status == 200);
  CHECK(has(full.body, "<title>Public Timeline | MiniTwit</title>"));
  CHECK(has(full.body, "message 2<"));
  CHECK_FALSE(has(full.body, "message 1<"));  // the 31st only says that more exist
  CHECK(has(full.body, "href=\"/public?before=2\""));

  const auto last = mt::pages::timeline(plain, ctx, {Kind::kPublic, messages(30), {}});
  CHECK_FALSE(has(last.body, "before="));
  const auto empty = mt::pages::timeline(plain, ctx, {Kind::kPublic, {}, {}});
  CHECK(has(empty.body, "There's no message so far."));
}

TEST_CASE_METHOD(Fixture, "pages: messages show avatar, escaped author link and date", "[pages]") {
  const auto res =
      mt::pages::timeline(plain, ctx, {mt::pages::Timeline::Kind::kPublic, messages(1), {}});
  CHECK(has(res.body, "<a href=\"/a%22b\">a&#34;b</a>"));
  CHECK(has(res.body, "https://www.gravatar.com/avatar/"));
  CHECK(has(res.body, "2023-11-14 @ 22:13"));
}

TEST_CASE_METHOD(Fixture, "pages: a user page tells the visitor's relation", "[pages]") {
  using mt::pages::Relation;
  const auto page = [&](Relation r) {
    return mt::pages::timeline(plain, ctx, {mt::pages::Timeline::Kind::kUser, {}, "O'Hara", r})
        .body;
  };
  CHECK(has(page(Relation::kSelf), "This is you!"));
  CHECK(has(page(Relation::kFollowing), "You are currently following this user."));
  CHECK(has(page(Relation::kFollowing), "href=\"/O%27Hara/unfollow\">Unfollow user"));
  CHECK(has(page(Relation::kNotFollowing), "You are not yet following this user."));
  CHECK(has(page(Relation::kNotFollowing), "href=\"/O%27Hara/follow\">Follow user"));
  CHECK_FALSE(has(page(Relation::kStranger), "follow"));
  CHECK(has(page(Relation::kStranger), "<title>O&#39;Hara&#39;s Timeline | MiniTwit</title>"));
}

TEST_CASE_METHOD(Fixture, "pages: navigation follows the signed-in user", "[pages]") {
  const auto out = mt::pages::login(plain, ctx, {}).body;
  CHECK(has(out, ">sign up<"));
  CHECK(has(out, ">sign in<"));
  ctx.user = mt::User{1, "<me>"};
  const auto in =
      mt::pages::timeline(plain, ctx, {mt::pages::Timeline::Kind::kMine, {}, "<me>"}).body;
  CHECK(has(in, ">my timeline<"));
  CHECK(has(in, ">sign out [&lt;me&gt;]<"));
  CHECK(has(in, "What's on your mind &lt;me&gt;?"));
  CHECK(has(in, "<title>My Timeline | MiniTwit</title>"));
}

TEST_CASE_METHOD(Fixture, "pages: flash messages are shown once", "[pages]") {
  const auto flashed = mt::session::flash(mt::http::redirect("/"), ctx, "You were logged in");
  const std::string cookie =
      flashed.headers.back().second.substr(0, flashed.headers.back().second.find(';'));
  const mt::http::Request next({{"REQUEST_METHOD", "GET"}, {"HTTP_COOKIE", cookie}}, "");
  const auto res = mt::pages::login(next, ctx, {});
  CHECK(has(res.body, "<ul class=\"flashes\">"));
  CHECK(has(res.body, "<li>You were logged in</li>"));
  REQUIRE_FALSE(res.headers.empty());
  CHECK(res.headers.back().second.rfind("mt_flash=; Path=/; Max-Age=0", 0) == 0);
  CHECK_FALSE(has(mt::pages::login(plain, ctx, {}).body, "flashes"));
}

TEST_CASE_METHOD(Fixture, "pages: forms keep what was typed and show the error", "[pages]") {
  const auto res =
      mt::pages::sign_up(plain, ctx, {"x\"y", "e@x", "The two passwords do not match"});
  CHECK(has(res.body, "Error: The two passwords do not match"));
  CHECK(has(res.body, "value=\"x&#34;y\""));
  CHECK(has(res.body, "value=\"e@x\""));
  CHECK(has(res.body, "<title>Sign Up | MiniTwit</title>"));
}

TEST_CASE_METHOD(Fixture, "pages: error pages use the layout", "[pages]") {
  const auto res = mt::pages::error(ctx, 401, "You have to sign in first");
  CHECK(res.status == 401);
  CHECK(has(res.body, "<h1><a href=\"/public\">MiniTwit</a></h1>"));
  CHECK(has(res.body, "You have to sign in first"));
  CHECK(has(res.body, "href=\"/login\""));
}

TEST_CASE_METHOD(Fixture, "pages: each author keeps their own link and avatar", "[pages]") {
  std::vector<mt::queries::Message> rows;
  for (long id = 4; id >= 1; --id) {
    const std::string who = id % 2 == 0 ? "even" : "odd";
    rows.push_back({id, who, who + "@example.com", "m" + std::to_string(id), 1'700'000'000 + id});
  }
  const auto body =
      mt::pages::timeline(plain, ctx, {mt::pages::Timeline::Kind::kPublic, rows, {}}).body;
  const std::string even = mt::view::gravatar_url("even@example.com", 48);
  const std::string odd = mt::view::gravatar_url("odd@example.com", 48);
  REQUIRE(even != odd);
  // In page order (m4 even, m3 odd, m2 even, m1 odd), each item has its author's avatar.
  std::size_t at = 0;
  for (const auto* avatar : {&even, &odd, &even, &odd}) {
    const std::string src = "src=\"" + mt::view::html_escape(*avatar) + "\"";
    at = body.find(src, at);
    REQUIRE(at != std::string::npos);
    ++at;
  }
  CHECK(has(body, "<a href=\"/even\">even</a>"));
  CHECK(has(body, "<a href=\"/odd\">odd</a>"));
}
