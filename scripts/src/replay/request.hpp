// scripts/src/replay/request: maps a scenario action to the simulator's HTTP request (SPEC §4).
#pragma once

#include <string>
#include <string_view>

#include "scripts/src/replay/scenario.hpp"

namespace mt::replay::request {

// A POST to the simulator API: `target` is relative to the base URL and carries ?latest=<id>.
struct Request {
  std::string target;
  std::string body;  // JSON
};

// register -> POST /register {"username","email","pwd"}; tweet -> POST /msgs/<user> {"content"};
// follow/unfollow -> POST /fllws/<user> {"follow"|"unfollow": other}. Missing arguments become
// empty strings and invalid UTF-8 becomes U+FFFD, so it never throws except std::bad_alloc.
Request build(const scenario::Action& action);

// Percent-encodes all but RFC 3986 unreserved characters ("Roger Histand" -> "Roger%20Histand").
std::string encode(std::string_view text);

}  // namespace mt::replay::request
