// Unit tests of scripts/src/replay/request (scenario action -> simulator API request).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scripts/src/replay/request.hpp"

using mt::replay::request::build;
using mt::scenario::Command;

namespace {

mt::scenario::Action action(std::int64_t id, Command command, std::string user,
                            std::vector<std::string> args) {
  mt::scenario::Action a;
  a.id = id;
  a.command = command;
  a.username = std::move(user);
  a.args = std::move(args);
  return a;
}

}  // namespace

TEST_CASE("replay request: each command maps to its route and body", "[replay]") {
  const auto reg = build(action(0, Command::kRegister, "Roger Histand", {"r@h.com", "6cl_[\\"}));
  CHECK(reg.target == "/register?latest=0");
  CHECK(nlohmann::json::parse(reg.body) ==
        nlohmann::json{{"username", "Roger Histand"}, {"email", "r@h.com"}, {"pwd", "6cl_[\\"}});

  const auto tweet = build(action(3, Command::kTweet, "Roger Histand", {"say \"hi\""}));
  CHECK(tweet.target == "/msgs/Roger%20Histand?latest=3");
  CHECK(nlohmann::json::parse(tweet.body) == nlohmann::json{{"content", "say \"hi\""}});

  const auto follow =
      build(action(210, Command::kFollow, "Roger Histand", {"Jacqualine Gilcoine"}));
  CHECK(follow.target == "/fllws/Roger%20Histand?latest=210");
  CHECK(nlohmann::json::parse(follow.body) == nlohmann::json{{"follow", "Jacqualine Gilcoine"}});

  const auto unfollow =
      build(action(815, Command::kUnfollow, "Guadalupe Rumps", {"Blair Reasoner"}));
  CHECK(unfollow.target == "/fllws/Guadalupe%20Rumps?latest=815");
  CHECK(nlohmann::json::parse(unfollow.body) == nlohmann::json{{"unfollow", "Blair Reasoner"}});
}

TEST_CASE("replay request: usernames are percent-encoded in paths", "[replay]") {
  using mt::replay::request::encode;
  CHECK(encode("Roger Histand") == "Roger%20Histand");
  CHECK(encode("a/b?c#d%") == "a%2Fb%3Fc%23d%25");
  CHECK(encode("S\xC3\xB8ren") == "S%C3%B8ren");
  CHECK(encode("plain-name_1.~") == "plain-name_1.~");
}

TEST_CASE("replay request: missing arguments and bad UTF-8 do not throw", "[replay]") {
  const auto reg = build(action(1, Command::kRegister, "u", {}));
  CHECK(nlohmann::json::parse(reg.body)["pwd"] == "");
  const auto tweet = build(action(2, Command::kTweet, "u", {"\xFF"}));
  CHECK(nlohmann::json::parse(tweet.body)["content"] == "\xEF\xBF\xBD");
}
