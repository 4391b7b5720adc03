// shared/view: the site's mustache templates, read once per process and rendered inside the
// layout, and the filters pages need (HTML escaping, Gravatar avatars, dates).
#include "shared/view.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace mt::view {
namespace {

constexpr std::array<std::string_view, 4> kPages = {"timeline", "login", "register", "error"};
constexpr std::array<std::string_view, 2> kPartials = {"messages", "flashes"};

std::string read_template(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read template " + path);
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read template " + path);
  return text.str();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string md5_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_md5(), nullptr) != 1)
    throw std::runtime_error("EVP_Digest(md5) failed");
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex(std::size_t{len} * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    hex[2 * i] = kHex[md[i] >> 4];
    hex[2 * i + 1] = kHex[md[i] & 0x0f];
  }
  return hex;
}

}  // namespace

Templates Templates::load(const std::string& dir) {
  if (dir.empty()) throw std::runtime_error("MINITWIT_TEMPLATE_DIR is not set");
  mstch::config::escape = html_escape;
  Templates t;
  t.layout_ = read_template(dir + "/layout.mustache");
  std::map<std::string, std::string> partials;
  for (const auto name : kPartials)
    partials.emplace(name, read_template(fmt::format("{}/partials/{}.mustache", dir, name)));
  for (const auto name : kPages) {
    auto& page = t.partials_.emplace(name, partials).first->second;
    page.emplace("body", read_template(fmt::format("{}/{}.mustache", dir, name)));
  }
  return t;
}

std::string Templates::render(const std::string& page, const mstch::map& context) const {
  return mstch::render(layout_, context, partials_.at(page));
}

std::string html_escape(const std::string& s) {
  constexpr std::string_view kSpecial = "&<>\"'";
  std::size_t start = s.find_first_of(kSpecial);
  if (start == std::string::npos) return s;  // the common case: nothing to escape
  std::string out;
  out.reserve(s.size() + 16);
  std::size_t done = 0;
  for (; start != std::string::npos; start = s.find_first_of(kSpecial, start + 1)) {
    out.append(s, done, start - done);
    switch (s[start]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&#34;";
        break;
      default:
        out += "&#39;";
    }
    done = start + 1;
  }
  out.append(s, done);
  return out;
}

std::string gravatar_url(std::string_view email, int size) {
  std::string normal(trim(email));
  std::transform(normal.begin(), normal.end(), normal.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string url = "https://www.gravatar.com/avatar/";
  url += md5_hex(normal);
  url += "?d=identicon&s=";
  url += std::to_string(size);
  return url;
}

std::string format_date(long unix_seconds) {
  const std::time_t t = unix_seconds;
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::array<char, 32> buf{};
  const std::size_t n = std::strftime(buf.data(), buf.size(), "%Y-%m-%d @ %H:%M", &utc);
  return std::string(buf.data(), n);
}

}  // namespace mt::view
