// shared/url: percent-decoding of query strings and form bodies, percent-encoding of path parts.
#include "shared/url.hpp"

#include <memory>

#include <uriparser/Uri.h>

namespace mt::url {

namespace {

// uriparser decodes into C strings, so "%00" would silently cut a value short ("a%00b" -> "a"):
// it becomes U+FFFD instead, the way invalid bytes are replaced.
std::string without_nul_escapes(std::string_view query) {
  std::string out;
  out.reserve(query.size());
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (query.compare(i, 3, "%00") == 0) {
      out += "%EF%BF%BD";
      i += 2;
      continue;
    }
    out += query[i];
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> out;
  if (raw_query.empty()) return out;
  const std::string query = without_nul_escapes(raw_query);
  UriQueryListA* list = nullptr;
  int count = 0;
  if (uriDissectQueryMallocExA(&list, &count, query.data(), query.data() + query.size(), URI_TRUE,
                               URI_BR_DONT_TOUCH) != URI_SUCCESS) {
    return out;
  }
  const std::unique_ptr<UriQueryListA, void (*)(UriQueryListA*)> guard(list, uriFreeQueryListA);
  out.reserve(static_cast<std::size_t>(count));
  for (const UriQueryListA* item = list; item != nullptr; item = item->next) {
    out.emplace_back(item->key != nullptr ? item->key : "",
                     item->value != nullptr ? item->value : "");
  }
  return out;
}

std::string encode(std::string_view text) {
  if (text.empty()) return {};
  std::string out(text.size() * 3 + 1, '\0');
  const char* end =
      uriEscapeExA(text.data(), text.data() + text.size(), out.data(), URI_FALSE, URI_FALSE);
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

}  // namespace mt::url
