// Unit tests of shared/view: loading the real templates, escaping, Gravatar URLs and dates.
#include "shared/view.hpp"

#include <string>

#include <catch2/catch.hpp>

namespace {
// The project's templates/, found from this file's path (CMake compiles absolute paths).
std::string template_dir() {
  const std::string here = __FILE__;
  return here.substr(0, here.rfind("/tests/unit/")) + "/templates";
}
}  // namespace

TEST_CASE("view: escaping is MarkupSafe's", "[view]") {
  CHECK(mt::view::html_escape("<script>&\"'/") == "&lt;script&gt;&amp;&#34;&#39;/");
}

TEST_CASE("view: templates load once and escape user text through mstch", "[view]") {
  const auto templates = mt::view::Templates::load(template_dir());
  const mstch::map context{{"title", std::string("x")},
                           {"heading", std::string("Not Found")},
                           {"message", std::string("You are now following \"foo\"")}};
  const std::string html = templates.render("error", context);
  CHECK(html.find("<title>x | MiniTwit</title>") != std::string::npos);
  CHECK(html.find("You are now following &#34;foo&#34;") != std::string::npos);
}

TEST_CASE("view: a missing template directory fails at load", "[view]") {
  CHECK_THROWS_AS(mt::view::Templates::load("/nonexistent"), std::runtime_error);
  CHECK_THROWS_AS(mt::view::Templates::load(""), std::runtime_error);
}

TEST_CASE("view: Gravatar identicon of the trimmed, lower-cased email", "[view]") {
  // md5("myemailaddress@example.com"), Gravatar's documented example.
  const std::string expected =
      "https://www.gravatar.com/avatar/0bc83cb571cd1c50ba6f3e8a78ef1346?d=identicon&s=48";
  CHECK(mt::view::gravatar_url("MyEmailAddress@example.com ", 48) == expected);
  CHECK(mt::view::gravatar_url("  myemailaddress@example.com", 48) == expected);
}

TEST_CASE("view: dates are YYYY-MM-DD @ HH:MM in UTC", "[view]") {
  CHECK(mt::view::format_date(0) == "1970-01-01 @ 00:00");
  CHECK(mt::view::format_date(1'700'000'000) == "2023-11-14 @ 22:13");
}
