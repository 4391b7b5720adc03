// shared/view: the site's mustache templates, read once per process and rendered inside the
// layout, and the filters pages need (HTML escaping, Gravatar avatars, dates).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

namespace mt::view {

// Every template of the web pages: the layout, the pages and their partials.
class Templates {
 public:
  // Reads layout, pages and partials from `dir` (MINITWIT_TEMPLATE_DIR) and makes mstch escape
  // the way Jinja2 does (html_escape). Throws std::runtime_error naming the first template that
  // is missing or unreadable: handlers fail at startup, never half-serve.
  static Templates load(const std::string& dir);

  // Page template `page` rendered as the body of the layout, both seeing `context`.
  // Throws std::out_of_range for a page that load() does not know.
  std::string render(const std::string& page, const mstch::map& context) const;

 private:
  std::string layout_;
  // Per page: the partials it may use, its own body among them ("body"), built once at load so
  // that a render copies no template text.
  std::map<std::string, std::map<std::string, std::string>, std::less<>> partials_;
};

// `s` with & < > " ' as &amp; &lt; &gt; &#34; &#39; (MarkupSafe's choice; SPEC §3).
std::string html_escape(const std::string& s);

// The Gravatar identicon URL for `email` (md5 of the trimmed, lower-cased address).
std::string gravatar_url(std::string_view email, int size);

// Unix seconds as "YYYY-MM-DD @ HH:MM" in UTC.
std::string format_date(long unix_seconds);

}  // namespace mt::view
