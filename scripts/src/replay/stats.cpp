// scripts/src/replay/stats: outcomes of replayed actions, latency percentiles, and the summary
// as a printed table, as JSON and as per-action log lines.
#include "scripts/src/replay/stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mt::replay::stats {
namespace {

constexpr std::array<scenario::Command, 4> kCommands{
    scenario::Command::kRegister, scenario::Command::kTweet, scenario::Command::kFollow,
    scenario::Command::kUnfollow};

double percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  const auto rank =
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Latency measure(const std::vector<const Outcome*>& outcomes) {
  Latency result;
  std::vector<double> ms;
  ms.reserve(outcomes.size());
  for (const Outcome* outcome : outcomes) {
    ms.push_back(outcome->latency_ms);
    if (!succeeded(*outcome)) ++result.errors;
  }
  std::sort(ms.begin(), ms.end());
  result.count = ms.size();
  result.p50 = percentile(ms, 0.50);
  result.p90 = percentile(ms, 0.90);
  result.p99 = percentile(ms, 0.99);
  result.max = ms.empty() ? 0 : ms.back();
  return result;
}

std::string error_kind(const Outcome& outcome) {
  const std::string_view name = scenario::command_name(outcome.command);
  if (outcome.status == 0) return fmt::format("{}: {}", name, outcome.error);
  return fmt::format("{}: HTTP {}", name, outcome.status);
}

std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return text;
}

nlohmann::json latency_json(const Latency& latency) {
  return {{"count", latency.count}, {"errors", latency.errors}, {"p50_ms", latency.p50},
          {"p90_ms", latency.p90},  {"p99_ms", latency.p99},    {"max_ms", latency.max}};
}

std::string latency_row(std::string_view name, const Latency& latency) {
  return fmt::format("{:<10} {:>8} {:>7} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f}\n", name,
                     latency.count, latency.errors, latency.p50, latency.p90, latency.p99,
                     latency.max);
}

}  // namespace

bool succeeded(const Outcome& outcome) { return outcome.status == 204; }

Summary summarize(const std::vector<Outcome>& outcomes, double wall_s) {
  Summary summary;
  summary.actions = outcomes.size();
  summary.wall_s = wall_s;
  summary.throughput = wall_s > 0 ? static_cast<double>(outcomes.size()) / wall_s : 0;
  std::vector<const Outcome*> all;
  std::map<scenario::Command, std::vector<const Outcome*>> by_command;
  for (const Outcome& outcome : outcomes) {
    all.push_back(&outcome);
    by_command[outcome.command].push_back(&outcome);
    if (!succeeded(outcome)) ++summary.error_kinds[error_kind(outcome)];
  }
  summary.all = measure(all);
  summary.errors = summary.all.errors;
  for (const scenario::Command command : kCommands) {
    summary.by_command[std::string(scenario::command_name(command))] = measure(by_command[command]);
  }
  return summary;
}

std::string table(const Summary& summary) {
  std::string out = fmt::format(
      "actions     {}\nerrors      {}\nwall time   {:.2f} s\nthroughput  {:.1f} req/s\n",
      summary.actions, summary.errors, summary.wall_s, summary.throughput);
  out += fmt::format("latest      {}\n\n",
                     summary.latest ? std::to_string(*summary.latest) : "unavailable");
  out += fmt::format("{:<10} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9}\n", "latency ms", "count",
                     "errors", "p50", "p90", "p99", "max");
  out += latency_row("all", summary.all);
  for (const scenario::Command command : kCommands) {
    const std::string name(scenario::command_name(command));
    out += latency_row(name, summary.by_command.at(name));
  }
  if (!summary.error_kinds.empty()) out += "\nerrors by kind\n";
  for (const auto& [kind, count] : summary.error_kinds)
    out += fmt::format("{:>8}  {}\n", count, kind);
  return out;
}

nlohmann::json to_json(const Summary& summary) {
  nlohmann::json by_command = nlohmann::json::object();
  for (const auto& [name, latency] : summary.by_command) by_command[name] = latency_json(latency);
  nlohmann::json latest = nullptr;
  if (summary.latest) latest = *summary.latest;
  return {{"actions", summary.actions},
          {"errors", summary.errors},
          {"wall_s", summary.wall_s},
          {"throughput_rps", summary.throughput},
          {"latency", latency_json(summary.all)},
          {"by_command", by_command},
          {"error_kinds", summary.error_kinds},
          {"latest", latest}};
}

std::string log_line(std::int64_t id, const Outcome& outcome) {
  const std::string status = outcome.status == 0 ? "error" : std::to_string(outcome.status);
  std::string line = fmt::format("{}\t{}\t{}\t{:.3f}", id, scenario::command_name(outcome.command),
                                 status, outcome.latency_ms);
  if (!succeeded(outcome))
    line += "\t" + one_line(outcome.detail.empty() ? outcome.error : outcome.detail);
  return line;
}

}  // namespace mt::replay::stats
