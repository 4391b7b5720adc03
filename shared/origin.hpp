// shared/origin: refuses form posts that another site made a browser send (CSRF), by the
// request's Origin header or, without one, its Referer; on top of SameSite cookies.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/http.hpp"

namespace mt::origin {

// The origin ("scheme://host[:port]", lower-case, default port dropped) of an absolute http(s)
// URL such as an Origin or Referer value; std::nullopt for anything else (including "null").
std::optional<std::string> of_url(std::string_view url);

// The request's own origin: its scheme (X-Forwarded-Proto from our edge proxy, else nginx's
// REQUEST_SCHEME) and its Host header; std::nullopt when it sent no Host.
std::optional<std::string> own(const http::Request& req);

// Throws http::Error 403 when a browser says the request comes from another site
// (Sec-Fetch-Site: cross-site) or `req` carries an Origin (or, lacking one, a Referer) that is
// not its own origin. A request with none of these headers (scripts, test clients) passes.
void require_same_site(const http::Request& req);

}  // namespace mt::origin
