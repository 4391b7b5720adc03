// Unit tests of shared/api: request bodies and the message list shape.
#include "shared/api.hpp"

#include <catch2/catch.hpp>

#include "shared/http.hpp"

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
