// scripts/src/replay/scenario: parses the simulator's recorded workload (SPEC §6), one
// tab-separated line per action: id, delay, timestamp, command, username, arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mt::scenario {

enum class Command { kRegister, kTweet, kFollow, kUnfollow };

// One recorded action. `args` holds the command's arguments in file order:
// register -> {email, password}; tweet -> {text}; follow/unfollow -> {other username}.
struct Action {
  std::int64_t id = 0;
  std::int64_t delay = 0;
  std::int64_t timestamp = 0;
  Command command = Command::kTweet;
  std::string username;
  std::vector<std::string> args;
};

// Parses one line (a trailing "\n" or "\r\n" is dropped; every other byte is data). Returns
// std::nullopt for a malformed line and then, when `error` is not null, says why there. A pure
// function of its input: never throws except std::bad_alloc.
std::optional<Action> parse_line(std::string_view line, std::string* error);

// The command's name as the file spells it ("register", "tweet", "follow", "unfollow").
std::string_view command_name(Command command);

// The usernames an action involves: the actor, and for follow/unfollow the other user.
std::vector<std::string_view> usernames(const Action& action);

// Reads the first `limit` actions of the file at `path` (all when `limit` is std::nullopt).
// Returns std::nullopt when the file can't be read or a line is malformed; `error` (not null)
// then names the line and the reason.
std::optional<std::vector<Action>> load(const std::string& path, std::optional<std::size_t> limit,
                                        std::string* error);

}  // namespace mt::scenario
