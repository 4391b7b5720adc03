// scripts/src/replay/stats: outcomes of replayed actions, latency percentiles, and the summary
// as a printed table, as JSON and as per-action log lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "scripts/src/replay/scenario.hpp"

namespace mt::replay::stats {

// What happened to one request. Success is HTTP 204 and nothing else.
struct Outcome {
  scenario::Command command = scenario::Command::kTweet;
  long status = 0;        // HTTP status; 0 when no response arrived
  std::string error;      // transport error kind ("Timeout was reached") when status is 0
  std::string detail;     // failures only: start of the body, or the transport error's detail
  double latency_ms = 0;  // from sending the request to the end of the response or error
};

struct Latency {
  std::size_t count = 0;
  std::size_t errors = 0;
  double p50 = 0, p90 = 0, p99 = 0, max = 0;  // ms, nearest-rank percentiles; 0 when no samples
};

struct Summary {
  std::size_t actions = 0;
  std::size_t errors = 0;
  double wall_s = 0;
  double throughput = 0;  // requests per second of wall time
  Latency all;
  std::map<std::string, Latency> by_command;       // "register", "tweet", "follow", "unfollow"
  std::map<std::string, std::size_t> error_kinds;  // "tweet: HTTP 404", "follow: Timeout ..."
  std::optional<std::int64_t> latest;              // GET /latest afterwards, when it answered
};

bool succeeded(const Outcome& outcome);

// Counts and percentiles of `outcomes` over `wall_s` seconds; every command has a row.
Summary summarize(const std::vector<Outcome>& outcomes, double wall_s);

// The human-readable table printed at the end of a replay.
std::string table(const Summary& summary);

nlohmann::json to_json(const Summary& summary);

// "id<TAB>command<TAB>status<TAB>latency_ms[<TAB>detail]": status is the HTTP status or "error";
// detail (failures only) is Outcome::detail (or error) with tabs and newlines blanked.
std::string log_line(std::int64_t id, const Outcome& outcome);

}  // namespace mt::replay::stats
