// scripts/src/replay/scenario: parses the simulator's recorded workload (SPEC §6), one
// tab-separated line per action: id, delay, timestamp, command, username, arguments.
#include "scripts/src/replay/scenario.hpp"

#include <array>
#include <charconv>
#include <fstream>
#include <utility>

namespace mt::scenario {
namespace {

constexpr std::size_t kFixedFields = 5;  // id, delay, timestamp, command, username

struct CommandSpec {
  std::string_view name;
  Command command;
  std::size_t args;
};

constexpr std::array<CommandSpec, 4> kCommands{{
    {"register", Command::kRegister, 2},
    {"tweet", Command::kTweet, 1},
    {"follow", Command::kFollow, 1},
    {"unfollow", Command::kUnfollow, 1},
}};

std::optional<Action> fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  for (;;) {
    const std::size_t tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return fields;
    line.remove_prefix(tab + 1);
  }
}

// A non-negative decimal integer that fills the whole field and fits in int64.
std::optional<std::int64_t> parse_count(std::string_view field) {
  if (field.empty() || field.front() < '0' || field.front() > '9') return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc{} || end != field.data() + field.size()) return std::nullopt;
  return value;
}

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec& spec : kCommands) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string where(const std::string& path, std::size_t number) {
  std::string out = path;
  out += ':';
  out += std::to_string(number);
  out += ": ";
  return out;
}

std::string_view strip_line_end(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

std::optional<Action> parse_line(std::string_view line, std::string* error) {
  line = strip_line_end(line);
  if (line.empty()) return fail(error, "empty line");
  const std::vector<std::string_view> fields = split_tabs(line);
  if (fields.size() < kFixedFields) return fail(error, "too few fields");
  const auto id = parse_count(fields[0]);
  if (!id) return fail(error, "action id is not a non-negative integer");
  const auto delay = parse_count(fields[1]);
  if (!delay) return fail(error, "delay is not a non-negative integer");
  const auto timestamp = parse_count(fields[2]);
  if (!timestamp) return fail(error, "timestamp is not a non-negative integer");
  const CommandSpec* spec = find_command(fields[3]);
  if (spec == nullptr) return fail(error, "unknown command");
  if (fields.size() != kFixedFields + spec->args) {
    return fail(error, std::string(spec->name) + " takes " + std::to_string(spec->args) +
                           " argument(s), found " + std::to_string(fields.size() - kFixedFields));
  }
  if (fields[4].empty()) return fail(error, "empty username");
  if (spec->command == Command::kFollow || spec->command == Command::kUnfollow) {
    if (fields[5].empty()) return fail(error, "empty username to (un)follow");
  }

  Action action;
  action.id = *id;
  action.delay = *delay;
  action.timestamp = *timestamp;
  action.command = spec->command;
  action.username = std::string(fields[4]);
  action.args.assign(fields.begin() + kFixedFields, fields.end());
  return action;
}

std::string_view command_name(Command command) {
  for (const CommandSpec& spec : kCommands) {
    if (spec.command == command) return spec.name;
  }
  return "unknown";
}

std::vector<std::string_view> usernames(const Action& action) {
  std::vector<std::string_view> names{action.username};
  const bool has_other = action.command == Command::kFollow || action.command == Command::kUnfollow;
  if (has_other && !action.args.empty()) names.emplace_back(action.args.front());
  return names;
}

std::optional<std::vector<Action>> load(const std::string& path, std::optional<std::size_t> limit,
                                        std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error != nullptr) *error = path + ": cannot be read";
    return std::nullopt;
  }
  std::vector<Action> actions;
  std::string line;
  std::string why;
  for (std::size_t number = 1; (!limit || actions.size() < *limit) && std::getline(in, line);
       ++number) {
    auto action = parse_line(line, &why);
    if (!action) {
      if (error != nullptr) *error = where(path, number) + why;
      return std::nullopt;
    }
    actions.push_back(std::move(*action));
  }
  return actions;
}

}  // namespace mt::scenario
