// Unit tests of shared/http.
#include "shared/http.hpp"

#include <catch2/catch.hpp>

using mt::http::Error;
using mt::http::Request;

namespace {
Request make(const std::string& query, mt::http::Params extra = {}) {
  mt::http::Params p = {{"REQUEST_METHOD", "POST"},        {"DOCUMENT_URI", "/msgs/a b"},
                        {"QUERY_STRING", query},           {"REQUEST_ID", "abc"},
                        {"HTTP_AUTHORIZATION", "Basic x"}, {"MT_USERNAME", "a b"}};
  p.insert(p.end(), extra.begin(), extra.end());
  return Request(p, "body");
}
}  // namespace

TEST_CASE("http: request exposes method, path, headers and path parameters", "[http]") {
  const Request r = make("no=5");
  CHECK(r.method() == "POST");
  CHECK(r.path() == "/msgs/a b");
  CHECK(r.request_id() == "abc");
  CHECK(r.body() == "body");
  CHECK(r.header("AUTHORIZATION") == "Basic x");
  CHECK_FALSE(r.header("COOKIE").has_value());
  CHECK(r.path_param("username") == "a b");
  CHECK(r.query("no") == "5");
  CHECK_FALSE(r.query("latest").has_value());
}

TEST_CASE("http: a missing path parameter is a 404", "[http]") {
  try {
    (void)make("").path_param("other");
    FAIL("expected http::Error");
  } catch (const Error& e) {
    CHECK(e.status == 404);
  }
}

TEST_CASE("http: query_count accepts only integers in range", "[http]") {
  CHECK(mt::http::query_count(make(""), "no", 100, 1000) == 100);
  CHECK(mt::http::query_count(make("no=0"), "no", 100, 1000) == 0);
  CHECK(mt::http::query_count(make("no=1000"), "no", 100, 1000) == 1000);
  for (const char* bad :
       {"no=-1", "no=abc", "no=", "no=1.5", "no=1001", "no=99999999999999999999", "no=5x"}) {
    INFO(bad);
    CHECK_THROWS_AS(mt::http::query_count(make(bad), "no", 100, 1000), Error);
  }
}

TEST_CASE("http: status lines carry the reason phrase", "[http]") {
  CHECK(mt::http::status_line(200) == "200 OK");
  CHECK(mt::http::status_line(204) == "204 No Content");
  CHECK(mt::http::status_line(503) == "503 Service Unavailable");
}

TEST_CASE("http: redirect sets Location", "[http]") {
  const auto r = mt::http::redirect("/login");
  CHECK(r.status == 302);
  REQUIRE(r.headers.size() == 1);
  CHECK(r.headers[0].second == "/login");
}

TEST_CASE("http: a path parameter with invalid UTF-8 or a control character is a 400", "[http]") {
  using namespace std::string_literals;
  for (const std::string& bad : {"a\xff"s, "a\xc0\xaf"s, "a\x01"s, "a\0b"s}) {
    INFO(bad);
    const Request r({{"MT_USERNAME", bad}}, "");
    try {
      (void)r.path_param("username");
      FAIL("no error");
    } catch (const mt::http::Error& e) {
      CHECK(e.status == mt::http::kBadRequest);
    }
  }
  CHECK(Request({{"MT_USERNAME", "Åsa Öberg"}}, "").path_param("username") == "Åsa Öberg");
}
