// Unit tests of shared/api: request bodies and the message list shape.
#include "shared/api.hpp"

#include <catch2/catch.hpp>

#include "shared/http.hpp"
#include "shared/json.hpp"

using nlohmann::json;

TEST_CASE("api: register body reads the three fields, missing ones as empty", "[api]") {
  const auto b =
      json::parse(R"({"username": "u", "email": "e@x", "pwd": "p"})").get<mt::api::RegisterBody>();
  CHECK(b.username == "u");
  CHECK(b.email == "e@x");
  CHECK(b.pwd == "p");
  CHECK(json::parse("{}").get<mt::api::RegisterBody>().username.empty());
  CHECK_THROWS_AS(json::parse(R"({"username": 5})").get<mt::api::RegisterBody>(), mt::http::Error);
}

TEST_CASE("api: message body must be non-empty text of at most 1000 characters", "[api]") {
  CHECK(json::parse(R"({"content": "hi"})").get<mt::api::MessageBody>().content == "hi");
  CHECK_THROWS_AS(json::parse(R"({"content": ""})").get<mt::api::MessageBody>(), mt::http::Error);
  CHECK_THROWS_AS(json::parse(R"({})").get<mt::api::MessageBody>(), mt::http::Error);
  CHECK_THROWS_AS(json::parse(R"({"content": ["x"]})").get<mt::api::MessageBody>(),
                  mt::http::Error);
  const json long_text = {{"content", std::string(1001, 'x')}};
  CHECK_THROWS_AS(long_text.get<mt::api::MessageBody>(), mt::http::Error);
}

TEST_CASE("api: follow body needs exactly one of follow or unfollow", "[api]") {
  const auto f = json::parse(R"({"follow": "b"})").get<mt::api::FollowBody>();
  CHECK(f.action == mt::api::FollowBody::Action::kFollow);
  CHECK(f.username == "b");
  const auto u = json::parse(R"({"unfollow": "c"})").get<mt::api::FollowBody>();
  CHECK(u.action == mt::api::FollowBody::Action::kUnfollow);
  for (const char* bad : {"{}", R"({"follow": "a", "unfollow": "b"})", R"({"follow": ""})",
                          R"({"follow": 1})", R"({"unfollow": null})"}) {
    INFO(bad);
    CHECK_THROWS_AS(json::parse(bad).get<mt::api::FollowBody>(), mt::http::Error);
  }
}

TEST_CASE("api: messages are written as content, pub_date, user", "[api]") {
  const std::vector<mt::queries::Message> ms = {{7, "alice", "a@x", "hello", 1582270042}};
  const auto j = mt::api::messages_json(ms);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["content"] == "hello");
  CHECK(j[0]["pub_date"] == 1582270042);
  CHECK(j[0]["user"] == "alice");
  CHECK(mt::api::messages_json({}).dump() == "[]");
}

TEST_CASE("api: the message list response is byte for byte json::dump of messages_json", "[api]") {
  const std::vector<mt::queries::Message> ms = {
      {1, "Roger Histand", "r@x", "plain text", 1582270042},
      {2, "q\"uote\\back", "q@x", "tab\there\nline\r\b\f \x01\x1f\x7f end", -5},
      {3, "\xc3\xa9t\xc3\xa9 \xe2\x9c\x93", "u@x", "emoji \xf0\x9f\x98\x80 </script>", 0},
      {4, "bad\xff", "b@x", "cut \xe2\x9c", 9}};
  for (std::size_t n = 0; n <= ms.size(); ++n) {
    const std::vector<mt::queries::Message> some(ms.begin(), ms.begin() + static_cast<long>(n));
    const auto res = mt::api::messages_response(some);
    CHECK(res.status == mt::http::kOk);
    CHECK(res.content_type == "application/json");
    CHECK(res.body == mt::json::dump(mt::api::messages_json(some)));
  }
}
