// Fuzz target: urlencoded form bodies and paging parameters (shared/form).
#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/form.hpp"
#include "shared/http.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const mt::http::Request post({{"REQUEST_METHOD", "POST"},
                                {"CONTENT_TYPE", "application/x-www-form-urlencoded"},
                                {"QUERY_STRING", input}},
                               input);
  try {
    const mt::form::Form form(post);
    for (const char* field : {"username", "email", "password", "password2", "text"}) {
      (void)form.get(field);
    }
    (void)mt::form::query_id(post, "before");
  } catch (const mt::http::Error& e) {
    if (e.status < 400 || e.status > 499) __builtin_trap();  // bad input is a 4xx, only
  }
  return 0;
}
