// Fuzz target: query strings and URL-decoding (shared/url, http::Request, http::query_count).
#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/http.hpp"
#include "shared/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  for (const auto& [key, value] : mt::url::parse_query(input)) {
    (void)mt::url::encode(key);
    (void)mt::url::encode(value);
  }
  const mt::http::Request req({{"REQUEST_METHOD", "GET"}, {"QUERY_STRING", input}}, "");
  try {
    (void)mt::http::query_count(req, "no", 100, 10000);
    (void)mt::http::query_count(req, "latest", -1, 1L << 40);
  } catch (const mt::http::Error& e) {
    if (e.status != 400) __builtin_trap();  // bad input must be a 400, nothing else
  }
  return 0;
}
