// Unit tests of scripts/src/replay/options (the replay tool's command line).
#include <catch2/catch.hpp>

#include "scripts/src/replay/options.hpp"

using mt::replay::options::parse;

TEST_CASE("replay options: defaults match the simulator", "[replay]") {
  std::string error;
  const auto o = parse({}, "/x/scenario.csv", &error);
  REQUIRE(o);
  CHECK(o->url == "http://127.0.0.1:5001");
  CHECK(o->file == "/x/scenario.csv");
  CHECK_FALSE(o->actions);
  CHECK(o->concurrency == 1);
  CHECK(o->timeout_s == Approx(0.3));
  CHECK(o->user == "simulator");
  CHECK(o->password == "super_safe!");
}

TEST_CASE("replay options: both spellings of every option are read", "[replay]") {
  std::string error;
  const auto o = parse({"--url", "http://h:1/", "--actions=20", "--concurrency", "4", "--timeout",
                        "2.5", "--json", "s.json", "--log=l.txt", "--user", "u", "--password=p=q"},
                       "", &error);
  REQUIRE(o);
  CHECK(o->url == "http://h:1");
  CHECK(o->actions == 20U);
  CHECK(o->concurrency == 4);
  CHECK(o->timeout_s == Approx(2.5));
  CHECK(o->json_file == "s.json");
  CHECK(o->log_file == "l.txt");
  CHECK(o->password == "p=q");
}

TEST_CASE("replay options: bad usage is reported", "[replay]") {
  std::string error;
  CHECK_FALSE(parse({"--actions", "0"}, "", &error));
  CHECK(error == "--actions takes a positive integer");
  CHECK_FALSE(parse({"--concurrency", "x"}, "", &error));
  CHECK_FALSE(parse({"--timeout", "-1"}, "", &error));
  CHECK_FALSE(parse({"--timeout", "nan"}, "", &error));
  CHECK_FALSE(parse({"--frobnicate", "1"}, "", &error));
  CHECK(error == "unknown option --frobnicate");
  CHECK_FALSE(parse({"--url"}, "", &error));
  CHECK(parse({"--help"}, "", &error)->help);
}
