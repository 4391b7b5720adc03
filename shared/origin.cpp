// shared/origin: refuses form posts that another site made a browser send (CSRF).
#include "shared/origin.hpp"

#include <algorithm>
#include <cctype>

namespace mt::origin {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "scheme://authority" with the scheme's default port removed; nullopt for a bad authority.
std::optional<std::string> normalize(const std::string& scheme, std::string_view authority) {
  if (scheme != "http" && scheme != "https") return std::nullopt;
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string host = lower(authority);
  const std::string default_port = scheme == "http" ? ":80" : ":443";
  if (host.size() > default_port.size() && host.ends_with(default_port) && host.back() != ']')
    host.resize(host.size() - default_port.size());
  return scheme + "://" + host;
}

}  // namespace

std::optional<std::string> of_url(std::string_view url) {
  const auto colon = url.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string scheme = lower(url.substr(0, colon));
  std::string_view rest = url.substr(colon + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  return normalize(scheme, rest);
}

std::optional<std::string> own(const http::Request& req) {
  const auto host = req.header("HOST");
  if (!host || host->empty()) return std::nullopt;
  std::string_view scheme = req.header("X_FORWARDED_PROTO").value_or("");
  scheme = scheme.substr(0, scheme.find(','));  // "https, http" from a chain of proxies
  if (scheme.empty()) scheme = req.param("REQUEST_SCHEME").value_or("http");
  return normalize(lower(scheme), *host);
}

void require_same_site(const http::Request& req) {
  // Browsers say outright where a request comes from; trust that first (it survives a
  // Referrer-Policy that hides the Referer).
  if (req.header("SEC_FETCH_SITE") == "cross-site")
    throw http::Error{http::kForbidden, "Forms may only be sent from this site's own pages"};
  auto claimed = req.header("ORIGIN");
  if (!claimed || claimed->empty()) claimed = req.header("REFERER");
  if (!claimed || claimed->empty()) return;
  const auto theirs = of_url(*claimed);
  if (!theirs || *theirs != own(req))
    throw http::Error{http::kForbidden, "Forms may only be sent from this site's own pages"};
}

}  // namespace mt::origin
