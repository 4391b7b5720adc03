// Unit tests of shared/form: urlencoded bodies and paging parameters.
#include "shared/form.hpp"

#include <catch2/catch.hpp>

using mt::http::Request;

namespace {
Request post(std::string body, std::string type = "application/x-www-form-urlencoded") {
  return Request({{"REQUEST_METHOD", "POST"}, {"CONTENT_TYPE", std::move(type)}}, std::move(body));
}
Request get(std::string query) {
  return Request({{"REQUEST_METHOD", "GET"}, {"QUERY_STRING", std::move(query)}}, "");
}
}  // namespace

TEST_CASE("form: fields are decoded, absent ones read as empty", "[form]") {
  const mt::form::Form form(post("username=Roger+Histand&text=%3Cb%3E%22&email="));
  CHECK(form.get("username") == "Roger Histand");
  CHECK(form.get("text") == "<b>\"");
  CHECK(form.get("email").empty());
  CHECK(form.get("password").empty());
}

TEST_CASE("form: a charset parameter is fine, other content types are refused", "[form]") {
  CHECK(mt::form::Form(post("a=1", "application/x-www-form-urlencoded; charset=UTF-8")).get("a") ==
        "1");
  CHECK(mt::form::Form(post("", "")).get("a").empty());
  CHECK_THROWS_AS(mt::form::Form(post("{\"a\":1}", "application/json")), mt::http::Error);
}

TEST_CASE("form: ?before= must be a positive message id", "[form]") {
  CHECK_FALSE(mt::form::query_id(get(""), "before").has_value());
  CHECK(mt::form::query_id(get("before=42"), "before") == 42);
  for (const char* bad : {"before=", "before=0", "before=-1", "before=4x", "before=1e3"}) {
    INFO(bad);
    CHECK_THROWS_AS(mt::form::query_id(get(bad), "before"), mt::http::Error);
  }
}
