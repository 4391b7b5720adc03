// Unit tests of shared/json.
#include "shared/json.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "shared/http.hpp"

TEST_CASE("json: dump replaces invalid UTF-8 instead of throwing", "[json]") {
  const nlohmann::json j = {{"x", std::string("bad \xFF\xFE end")}};
  std::string out;
  REQUIRE_NOTHROW(out = mt::json::dump(j));
  CHECK(out.find("bad ") != std::string::npos);
  CHECK(out.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("json: parse_object rejects what is not a JSON object with 400", "[json]") {
  for (const std::string bad : {"", "{", "[1,2]", "\"x\"", "null", "{\"a\":}", "nul"}) {
    INFO(bad);
    try {
      (void)mt::json::parse_object(bad);
      FAIL("expected http::Error");
    } catch (const mt::http::Error& e) {
      CHECK(e.status == 400);
    }
  }
  CHECK(mt::json::parse_object(R"({"a": 1})")["a"] == 1);
}

TEST_CASE("json: deeply nested documents are refused, not recursed into", "[json]") {
  const std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK_THROWS_AS(mt::json::parse_object(deep), mt::http::Error);
}

TEST_CASE("json: error body has status and error_msg", "[json]") {
  CHECK(mt::json::dump(mt::json::error_body(403, "no")) == R"({"error_msg":"no","status":403})");
}

TEST_CASE("json: optional_string reads missing and null as empty, rejects other types", "[json]") {
  const auto j = nlohmann::json::parse(R"({"s": "x", "n": null, "i": 3, "o": {}})");
  CHECK(mt::json::optional_string(j, "s") == "x");
  CHECK(mt::json::optional_string(j, "n").empty());
  CHECK(mt::json::optional_string(j, "missing").empty());
  CHECK_THROWS_AS(mt::json::optional_string(j, "i"), mt::http::Error);
  CHECK_THROWS_AS(mt::json::optional_string(j, "o"), mt::http::Error);
}
