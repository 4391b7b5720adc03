// Unit tests of shared/cookie: the Cookie header, Set-Cookie, and signed values.
#include "shared/cookie.hpp"

#include <string>

#include <catch2/catch.hpp>

using mt::cookie::find;
using mt::cookie::seal;
using mt::cookie::set_cookie;
using mt::cookie::Transport;
using mt::cookie::unseal;

namespace {
const std::string kSecret(48, 'k');
constexpr long kNow = 1'700'000'000;
}  // namespace

TEST_CASE("cookie: find reads one cookie of a Cookie header", "[cookie]") {
  CHECK(find("a=1; mt_session=xyz; b=2", "mt_session") == "xyz");
  CHECK(find("mt_session=xyz", "mt_session") == "xyz");
  CHECK(find("  a = 1 ;b=2", "a") == "1");
  CHECK_FALSE(find("a=1; b=2", "mt_session").has_value());
  CHECK_FALSE(find("", "a").has_value());
  CHECK_FALSE(find("xa=1", "a").has_value());
}

TEST_CASE("cookie: Set-Cookie is HttpOnly, SameSite=Lax, Path=/ with Max-Age", "[cookie]") {
  CHECK(set_cookie("s", "v", 60, Transport::kAny) ==
        "s=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
  CHECK(set_cookie("s", "", 0, Transport::kHttpsOnly) ==
        "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
}

TEST_CASE("cookie: a sealed value opens with the same purpose and secret", "[cookie]") {
  const std::string sealed = seal("session", "42|Roger Histand", kNow + 60, kSecret);
  CHECK(sealed.find_first_of(" ;,=\"") == std::string::npos);  // cookie-safe
  CHECK(unseal("session", sealed, kSecret, kNow) == "42|Roger Histand");
}

TEST_CASE("cookie: tampered, foreign or expired values do not open", "[cookie]") {
  const std::string sealed = seal("session", "42|alice", kNow + 60, kSecret);
  SECTION("expired") { CHECK_FALSE(unseal("session", sealed, kSecret, kNow + 60)); }
  SECTION("other purpose") { CHECK_FALSE(unseal("flash", sealed, kSecret, kNow)); }
  SECTION("other secret") { CHECK_FALSE(unseal("session", sealed, std::string(48, 'x'), kNow)); }
  SECTION("payload changed") {
    const std::string forged = seal("session", "1|admin", kNow + 60, kSecret);
    const std::string mixed = forged.substr(0, forged.find('.')) + sealed.substr(sealed.find('.'));
    CHECK_FALSE(unseal("session", mixed, kSecret, kNow));
  }
  SECTION("signature changed") {
    std::string bad = sealed;
    bad.back() = bad.back() == 'A' ? 'B' : 'A';
    CHECK_FALSE(unseal("session", bad, kSecret, kNow));
  }
  SECTION("malformed") {
    for (const char* junk : {"", ".", "abc", "abc.", ".abc", "!!!.???"}) {
      INFO(junk);
      CHECK_FALSE(unseal("session", junk, kSecret, kNow));
    }
  }
}
