// Unit tests of shared/url.
#include "shared/url.hpp"

#include <catch2/catch.hpp>

using mt::url::encode;
using mt::url::parse_query;

TEST_CASE("url: query string is split and decoded in order", "[url]") {
  const auto q = parse_query("text=hello+world%21&x=%E2%9C%93&x=2&flag");
  REQUIRE(q.size() == 4);
  CHECK(q[0] == std::pair<std::string, std::string>{"text", "hello world!"});
  CHECK(q[1].second == "\xE2\x9C\x93");
  CHECK(q[2].first == "x");
  CHECK(q[2].second == "2");
  CHECK(q[3] == std::pair<std::string, std::string>{"flag", ""});
}

TEST_CASE("url: empty and malformed queries do not throw", "[url]") {
  CHECK(parse_query("").empty());
  CHECK_NOTHROW(parse_query("%"));
  CHECK_NOTHROW(parse_query("a=%zz&&=&%FF=%00"));
}

TEST_CASE("url: path parts are percent-encoded", "[url]") {
  CHECK(encode("Roger Histand") == "Roger%20Histand");
  CHECK(encode("a/b?c") == "a%2Fb%3Fc");
  CHECK(encode("") == "");
  CHECK(encode("plain-name_1.~") == "plain-name_1.~");
}

TEST_CASE("url: an escaped NUL becomes U+FFFD instead of cutting the value short", "[url]") {
  const auto q = mt::url::parse_query("text=a%00b&n=%00");
  REQUIRE(q.size() == 2);
  CHECK(q[0].second ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(q[1].second == "\xEF\xBF\xBD");
}
