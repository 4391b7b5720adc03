// shared/api: the simulator API's JSON bodies as structs (from_json validates, to_json writes).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/http.hpp"
#include "shared/queries.hpp"

namespace mt::api {

constexpr long kDefaultCount = 100;  // `no` when absent
constexpr long kMaxCount = 10000;
constexpr std::size_t kMaxMessage = 1000;  // characters

// POST /register: {"username", "email", "pwd"}. Missing or null fields read as "".
struct RegisterBody {
  std::string username;
  std::string email;
  std::string pwd;
};
void from_json(const nlohmann::json& j, RegisterBody& out);

// POST /msgs/<username>: {"content"}. Throws http::Error 400 when empty, too long or not text.
struct MessageBody {
  std::string content;
};
void from_json(const nlohmann::json& j, MessageBody& out);

// POST /fllws/<username>: exactly one of {"follow": NAME} or {"unfollow": NAME}.
struct FollowBody {
  enum class Action { kFollow, kUnfollow };
  Action action;
  std::string username;
};
void from_json(const nlohmann::json& j, FollowBody& out);

// GET /msgs...: [{"content", "pub_date", "user"}, ...]
nlohmann::json messages_json(const std::vector<queries::Message>& messages);

// The 200 response of GET /msgs...: the same bytes as json::dump(messages_json(messages)),
// written straight into one string (no JSON tree; a list of 100 was a thousand allocations).
http::Response messages_response(const std::vector<queries::Message>& messages);

}  // namespace mt::api
