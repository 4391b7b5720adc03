// scripts/src/replay/request: maps a scenario action to the simulator's HTTP request (SPEC §4).
#include "scripts/src/replay/request.hpp"

#include <cstddef>

#include <nlohmann/json.hpp>

namespace mt::replay::request {
namespace {

std::string arg(const scenario::Action& action, std::size_t index) {
  return index < action.args.size() ? action.args[index] : std::string();
}

std::string dump(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string encode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (unreserved(c)) {
      out += c;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4U];
    out += kHex[byte & 0x0FU];
  }
  return out;
}

Request build(const scenario::Action& action) {
  const std::string latest = "?latest=" + std::to_string(action.id);
  const std::string user = encode(action.username);
  switch (action.command) {
    case scenario::Command::kRegister:
      return {"/register" + latest, dump({{"username", action.username},
                                          {"email", arg(action, 0)},
                                          {"pwd", arg(action, 1)}})};
    case scenario::Command::kTweet:
      return {"/msgs/" + user + latest, dump({{"content", arg(action, 0)}})};
    case scenario::Command::kFollow:
      return {"/fllws/" + user + latest, dump({{"follow", arg(action, 0)}})};
    case scenario::Command::kUnfollow:
      return {"/fllws/" + user + latest, dump({{"unfollow", arg(action, 0)}})};
  }
  return {"/latest" + latest, "{}"};  // unreachable: the switch covers every command
}

}  // namespace mt::replay::request
