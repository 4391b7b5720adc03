// Unit tests of shared/origin: cross-site form posts are refused, scripts pass.
#include "shared/origin.hpp"

#include <catch2/catch.hpp>

#include "shared/form.hpp"

using mt::http::Params;
using mt::http::Request;

namespace {
Request post(Params headers) {
  Params p{{"REQUEST_METHOD", "POST"},
           {"REQUEST_SCHEME", "http"},
           {"HTTP_HOST", "127.0.0.1:8080"},
           {"CONTENT_TYPE", "application/x-www-form-urlencoded"}};
  p.insert(p.end(), headers.begin(), headers.end());
  return Request(std::move(p), "text=hi");
}
}  // namespace

TEST_CASE("origin: the origin of a URL is its scheme, host and port", "[origin]") {
  CHECK(mt::origin::of_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
  CHECK(mt::origin::of_url("HTTPS://Example.ORG:443/login?x=1") == "https://example.org");
  CHECK(mt::origin::of_url("http://example.org:80/") == "http://example.org");
  CHECK(mt::origin::of_url("http://[::1]:8080/x") == "http://[::1]:8080");
  for (const char* bad : {"null", "", "example.org", "ftp://example.org", "http://",
                          "http://user@evil.example/", "javascript:alert(1)"}) {
    INFO(bad);
    CHECK_FALSE(mt::origin::of_url(bad).has_value());
  }
}

TEST_CASE("origin: the request's own origin follows the edge proxy's scheme", "[origin]") {
  CHECK(mt::origin::own(post({})) == "http://127.0.0.1:8080");
  CHECK(mt::origin::own(post({{"HTTP_X_FORWARDED_PROTO", "https"}})) == "https://127.0.0.1:8080");
  CHECK_FALSE(mt::origin::own(Request({{"REQUEST_SCHEME", "http"}}, "")).has_value());
}

TEST_CASE("origin: same-site posts and posts without Origin or Referer pass", "[origin]") {
  CHECK_NOTHROW(mt::origin::require_same_site(post({})));
  CHECK_NOTHROW(mt::origin::require_same_site(post({{"HTTP_ORIGIN", "http://127.0.0.1:8080"}})));
  CHECK_NOTHROW(mt::origin::require_same_site(
      post({{"HTTP_REFERER", "http://127.0.0.1:8080/login?next=/"}})));
  CHECK_NOTHROW(mt::origin::require_same_site(post({{"HTTP_ORIGIN", ""}})));
  CHECK_NOTHROW(mt::origin::require_same_site(post({{"HTTP_SEC_FETCH_SITE", "same-origin"}})));
  CHECK_NOTHROW(mt::origin::require_same_site(post({{"HTTP_SEC_FETCH_SITE", "none"}})));
  CHECK(mt::form::Form(post({{"HTTP_ORIGIN", "http://127.0.0.1:8080"}})).get("text") == "hi");
}

TEST_CASE("origin: another scheme, host or port is refused with 403", "[origin]") {
  for (const Params& headers : std::initializer_list<Params>{
           {{"HTTP_ORIGIN", "http://evil.example"}},
           {{"HTTP_ORIGIN", "https://127.0.0.1:8080"}},
           {{"HTTP_ORIGIN", "http://127.0.0.1:8081"}},
           {{"HTTP_ORIGIN", "null"}},
           {{"HTTP_REFERER", "http://evil.example/page"}},
           {{"HTTP_ORIGIN", "http://evil.example"}, {"HTTP_REFERER", "http://127.0.0.1:8080/"}},
           {{"HTTP_SEC_FETCH_SITE", "cross-site"}},
           {{"HTTP_SEC_FETCH_SITE", "cross-site"}, {"HTTP_REFERER", "http://127.0.0.1:8080/"}},
       }) {
    try {
      mt::form::Form form(post(headers));
      FAIL("no error for " << headers.front().second);
    } catch (const mt::http::Error& e) {
      CHECK(e.status == mt::http::kForbidden);
    }
  }
}
