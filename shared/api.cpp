// shared/api: the simulator API's JSON bodies as structs (from_json validates, to_json writes).
#include "shared/api.hpp"

#include <fmt/format.h>

#include "shared/http.hpp"
#include "shared/json.hpp"
#include "shared/text.hpp"

namespace mt::api {

void from_json(const nlohmann::json& j, RegisterBody& out) {
  out.username = json::optional_string(j, "username");
  out.email = json::optional_string(j, "email");
  out.pwd = json::optional_string(j, "pwd");
}

void from_json(const nlohmann::json& j, MessageBody& out) {
  out.content = json::optional_string(j, "content");
  if (out.content.empty()) throw http::Error{http::kBadRequest, "You have to enter a message"};
  if (!text::valid_utf8(out.content))
    throw http::Error{http::kBadRequest, "The message is not valid UTF-8"};
  if (text::length(out.content) > kMaxMessage)
    throw http::Error{http::kBadRequest,
                      fmt::format("The message must be at most {} characters", kMaxMessage)};
}

void from_json(const nlohmann::json& j, FollowBody& out) {
  const bool follow = j.contains("follow");
  const bool unfollow = j.contains("unfollow");
  if (follow == unfollow)
    throw http::Error{http::kBadRequest, "Send exactly one of \"follow\" or \"unfollow\""};
  const char* field = follow ? "follow" : "unfollow";
  out.action = follow ? FollowBody::Action::kFollow : FollowBody::Action::kUnfollow;
  out.username = json::optional_string(j, field);
  if (out.username.empty())
    throw http::Error{http::kBadRequest, fmt::format("\"{}\" must name a user", field)};
}

nlohmann::json messages_json(const std::vector<queries::Message>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) {
    out.push_back({{"content", m.text}, {"pub_date", m.pub_date}, {"user", m.author}});
  }
  return out;
}

}  // namespace mt::api
