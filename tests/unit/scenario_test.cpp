// Unit tests of scripts/src/replay/scenario (the scenario file parser).
#include "scripts/src/replay/scenario.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

using mt::scenario::Command;
using mt::scenario::parse_line;

namespace {

// The reason parse_line gives for a malformed line ("" when the line parses).
std::string why(std::string_view line) {
  std::string error;
  return parse_line(line, &error) ? std::string() : error;
}

}  // namespace

TEST_CASE("scenario: register line has id, user, email and password", "[scenario]") {
  std::string error;
  const auto a = parse_line(
      "0\t0\t1582246860738\tregister\tRoger Histand\tRoger+Histand@hotmail.com\t]=)[X{Km{z\n",
      &error);
  REQUIRE(a);
  CHECK(error.empty());
  CHECK(a->id == 0);
  CHECK(a->delay == 0);
  CHECK(a->timestamp == 1582246860738);
  CHECK(a->command == Command::kRegister);
  CHECK(a->username == "Roger Histand");
  CHECK(a->args == std::vector<std::string>{"Roger+Histand@hotmail.com", "]=)[X{Km{z"});
}

TEST_CASE("scenario: tweet, follow and unfollow lines parse", "[scenario]") {
  std::string error;
  const auto tweet = parse_line(
      "3\t3614448\t1582270042673\ttweet\tRoger Histand\t"
      "From hour to hour yesterday I saw my white face of it?",
      &error);
  REQUIRE(tweet);
  CHECK(tweet->command == Command::kTweet);
  CHECK(tweet->args ==
        std::vector<std::string>{"From hour to hour yesterday I saw my white face of it?"});

  const auto follow =
      parse_line("210\t305141\t1583114531671\tfollow\tRoger Histand\tJacqualine Gilcoine", &error);
  REQUIRE(follow);
  CHECK(follow->id == 210);
  CHECK(follow->command == Command::kFollow);
  CHECK(follow->args == std::vector<std::string>{"Jacqualine Gilcoine"});
  CHECK(mt::scenario::usernames(*follow) ==
        std::vector<std::string_view>{"Roger Histand", "Jacqualine Gilcoine"});

  const auto unfollow =
      parse_line("815\t905006\t1584079148974\tunfollow\tGuadalupe Rumps\tBlair Reasoner", &error);
  REQUIRE(unfollow);
  CHECK(unfollow->command == Command::kUnfollow);
  CHECK(unfollow->args == std::vector<std::string>{"Blair Reasoner"});
  CHECK(mt::scenario::usernames(*tweet) == std::vector<std::string_view>{"Roger Histand"});
}

TEST_CASE("scenario: passwords keep quotes and backslashes byte for byte", "[scenario]") {
  std::string error;
  SECTION("trailing backslash") {
    const auto a = parse_line(
        "2\t5867164\t1582266428225\tregister\tWendell Ballan\tWendell-Ballan@gmail.com\t6cl_[\\\n",
        &error);
    REQUIRE(a);
    CHECK(a->args.at(1) == "6cl_[\\");
  }
  SECTION("leading backslash and backslash-zero") {
    const auto a = parse_line(
        "14\t10647963\t1582445012853\tregister\tJacqualine Gilcoine\t"
        "Jacqualine.Gilcoine@gmail.com\t9}7\\0>B",
        &error);
    REQUIRE(a);
    CHECK(a->args.at(1) == "9}7\\0>B");
    CHECK(a->args.at(1).size() == 7);
  }
  SECTION("double and single quotes") {
    const auto dq = parse_line(
        "4\t7045735\t1582277088408\tregister\tNathan Sirmon\tNathan+Sirmon@dtu.dk\tQm\"oZ=.D0",
        &error);
    REQUIRE(dq);
    CHECK(dq->args.at(1) == "Qm\"oZ=.D0");
    const auto sq = parse_line(
        "1\t13700323\t1582260561061\tregister\tGeoffrey Stieff\tGeoffrey.Stieff@gmail.com\t-']S!{'",
        &error);
    REQUIRE(sq);
    CHECK(sq->args.at(1) == "-']S!{'");
  }
}

TEST_CASE("scenario: CRLF and LF line ends are dropped, nothing else", "[scenario]") {
  std::string error;
  const auto crlf = parse_line("7\t1\t2\ttweet\tRoger Histand\thello \r\n", &error);
  REQUIRE(crlf);
  CHECK(crlf->args.at(0) == "hello ");
  const auto cr = parse_line("7\t1\t2\tfollow\tRoger Histand\tNathan Sirmon\r", &error);
  REQUIRE(cr);
  CHECK(cr->args.at(0) == "Nathan Sirmon");
}

TEST_CASE("scenario: malformed lines are rejected with a reason", "[scenario]") {
  CHECK(why("") == "empty line");
  CHECK(why("\n") == "empty line");
  CHECK(why("\r\n") == "empty line");
  CHECK(why("1\t2\t3\ttweet") == "too few fields");
  CHECK(why("x\t2\t3\ttweet\tuser\ttext") == "action id is not a non-negative integer");
  CHECK(why("-1\t2\t3\ttweet\tuser\ttext") == "action id is not a non-negative integer");
  CHECK(why("1x\t2\t3\ttweet\tuser\ttext") == "action id is not a non-negative integer");
  CHECK(why("99999999999999999999\t2\t3\ttweet\tuser\ttext") ==
        "action id is not a non-negative integer");
  CHECK(why("1\t\t3\ttweet\tuser\ttext") == "delay is not a non-negative integer");
  CHECK(why("1\t2\t3.5\ttweet\tuser\ttext") == "timestamp is not a non-negative integer");
  CHECK(why("1\t2\t3\tretweet\tuser\ttext") == "unknown command");
  CHECK(why("1\t2\t3\tTweet\tuser\ttext") == "unknown command");
  CHECK(why("1\t2\t3\ttweet\tuser") == "tweet takes 1 argument(s), found 0");
  CHECK(why("1\t2\t3\ttweet\tuser\ta\tb") == "tweet takes 1 argument(s), found 2");
  CHECK(why("1\t2\t3\tregister\tuser\ta@b") == "register takes 2 argument(s), found 1");
  CHECK(why("1\t2\t3\ttweet\t\ttext") == "empty username");
  CHECK(why("1\t2\t3\tfollow\tuser\t") == "empty username to (un)follow");
}

TEST_CASE("scenario: a null error pointer and hostile bytes are fine", "[scenario]") {
  CHECK_FALSE(parse_line("garbage", nullptr));
  CHECK(parse_line("5\t0\t0\ttweet\tu\t\xFF\xFE", nullptr));
  CHECK_FALSE(parse_line(std::string_view("5\t0\t0\0\ttweet\tu\tx", 16), nullptr));
  const auto nul = parse_line(std::string_view("5\t0\t0\ttweet\tu\0v\tx", 17), nullptr);
  REQUIRE(nul);
  CHECK(nul->username == std::string("u\0v", 3));
  CHECK_NOTHROW(parse_line(std::string(100000, '\t'), nullptr));
}

TEST_CASE("scenario: command names match the file", "[scenario]") {
  CHECK(mt::scenario::command_name(Command::kRegister) == "register");
  CHECK(mt::scenario::command_name(Command::kTweet) == "tweet");
  CHECK(mt::scenario::command_name(Command::kFollow) == "follow");
  CHECK(mt::scenario::command_name(Command::kUnfollow) == "unfollow");
}
