// shared/api: the simulator API's JSON bodies as structs (from_json validates, to_json writes).
#include "shared/api.hpp"

#include <fmt/format.h>

#include "shared/http.hpp"
#include "shared/json.hpp"
#include "shared/text.hpp"

namespace mt::api {
namespace {

// Appends `s` as a JSON string the way json::dump writes it: quotes, backslashes and control
// characters escaped (\u00XX in lower-case hex unless it has a short form), the rest as is.
// Text from PostgreSQL is valid UTF-8 (the database's encoding); anything else goes through
// json::dump, which replaces what is not.
void append_json_string(std::string& out, const std::string& s) {
  if (!text::valid_utf8(s)) {
    out += json::dump(s);
    return;
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[static_cast<unsigned char>(c) >> 4];
          out += kHex[static_cast<unsigned char>(c) & 0x0f];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

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

http::Response messages_response(const std::vector<queries::Message>& messages) {
  std::string body = "[";
  body.reserve(64 + messages.size() * 128);
  for (const auto& m : messages) {
    if (body.size() > 1) body += ',';
    body += "{\"content\":";
    append_json_string(body, m.text);
    body += ",\"pub_date\":";
    body += std::to_string(m.pub_date);
    body += ",\"user\":";
    append_json_string(body, m.author);
    body += '}';
  }
  body += ']';
  return http::Response{http::kOk, "application/json", std::move(body), {}};
}

}  // namespace mt::api
