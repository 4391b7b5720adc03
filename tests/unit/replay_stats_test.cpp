// Unit tests of scripts/src/replay/stats (percentiles, summary, log lines).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scripts/src/replay/stats.hpp"

using mt::replay::stats::Outcome;
using mt::scenario::Command;

namespace {

Outcome outcome(Command command, long status, double ms) {
  Outcome o;
  o.command = command;
  o.status = status;
  o.latency_ms = ms;
  return o;
}

}  // namespace

TEST_CASE("replay stats: nearest-rank percentiles overall and per command", "[replay]") {
  std::vector<Outcome> outcomes;
  for (int ms = 1; ms <= 100; ++ms) outcomes.push_back(outcome(Command::kTweet, 204, ms));
  outcomes.push_back(outcome(Command::kRegister, 400, 500));
  const auto s = mt::replay::stats::summarize(outcomes, 2.0);
  CHECK(s.actions == 101);
  CHECK(s.errors == 1);
  CHECK(s.throughput == Approx(50.5));
  const auto& tweet = s.by_command.at("tweet");
  CHECK(tweet.count == 100);
  CHECK(tweet.errors == 0);
  CHECK(tweet.p50 == 50);
  CHECK(tweet.p90 == 90);
  CHECK(tweet.p99 == 99);
  CHECK(tweet.max == 100);
  CHECK(s.all.max == 500);
  CHECK(s.by_command.at("follow").count == 0);
  CHECK(s.error_kinds == std::map<std::string, std::size_t>{{"register: HTTP 400", 1}});
  CHECK(mt::replay::stats::to_json(s)["by_command"]["register"]["errors"] == 1);
  CHECK(mt::replay::stats::table(s).find("register: HTTP 400") != std::string::npos);
}

TEST_CASE("replay stats: log lines carry id, command, status, latency and detail", "[replay]") {
  using mt::replay::stats::log_line;
  CHECK(log_line(7, outcome(Command::kFollow, 204, 1.5)) == "7\tfollow\t204\t1.500");
  Outcome bad = outcome(Command::kTweet, 404, 2);
  bad.detail = "{\"status\":404,\n\"error_msg\":\"x\ty\"}";
  CHECK(log_line(8, bad) == "8\ttweet\t404\t2.000\t{\"status\":404, \"error_msg\":\"x y\"}");
  Outcome timeout = outcome(Command::kRegister, 0, 300);
  timeout.error = "Timeout was reached";
  CHECK(log_line(9, timeout) == "9\tregister\terror\t300.000\tTimeout was reached");
}
