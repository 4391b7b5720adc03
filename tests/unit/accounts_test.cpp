// Unit tests of shared/accounts (the rules; storage is covered by the integration tests).
#include "shared/accounts.hpp"

#include <catch2/catch.hpp>

using mt::accounts::check;
using mt::accounts::SignUp;

TEST_CASE("accounts: sign-up errors come in SPEC order", "[accounts]") {
  CHECK(check(SignUp{"", "", "", ""}) == "You have to enter a username");
  CHECK(check(SignUp{"a", "", "", ""}) == "You have to enter a valid email address");
  CHECK(check(SignUp{"a", "no-at-sign", "", ""}) == "You have to enter a valid email address");
  CHECK(check(SignUp{"a", "a@b", "", ""}) == "You have to enter a password");
  CHECK(check(SignUp{"a", "a@b", "x", "y"}) == "The two passwords do not match");
  CHECK_FALSE(check(SignUp{"a", "a@b", "x", "x"}).has_value());
}

TEST_CASE("accounts: usernames are 1-64 characters without slashes or control bytes",
          "[accounts]") {
  CHECK_FALSE(check(SignUp{std::string(64, 'a'), "a@b", "x", "x"}).has_value());
  CHECK(check(SignUp{std::string(65, 'a'), "a@b", "x", "x"}).has_value());
  CHECK_FALSE(check(SignUp{"Roger Histand", "a@b", "x", "x"}).has_value());
  CHECK_FALSE(check(SignUp{"S\xC3\xB8ren", "a@b", "x", "x"}).has_value());
  CHECK(check(SignUp{"a/b", "a@b", "x", "x"}).has_value());
  CHECK(check(SignUp{"a\nb", "a@b", "x", "x"}).has_value());
  CHECK(check(SignUp{"\xFF", "a@b", "x", "x"}).has_value());
}

TEST_CASE("accounts: names of the site's routes cannot be registered", "[accounts]") {
  for (const char* name : {"public", "login", "Register", "logout", "add_message", "static", "api",
                           "metrics", "health"}) {
    INFO(name);
    CHECK(check(SignUp{name, "a@b", "x", "x"}) == "The username is already taken");
  }
}
