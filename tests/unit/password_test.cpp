// Unit tests of shared/password.
#include "shared/password.hpp"

#include <catch2/catch.hpp>

#include "shared/config.hpp"

namespace {
// The cheapest cost libsodium allows keeps the unit tests fast; production uses 7 MiB/5 passes.
const mt::config::PasswordCost kCheap{1, 8 * 1024};
}  // namespace

TEST_CASE("password: argon2id hash verifies the right password only", "[password]") {
  const std::string h = mt::password::hash("s3cret pass", kCheap);
  CHECK(h.rfind("$argon2id$", 0) == 0);
  CHECK(mt::password::verify("s3cret pass", h));
  CHECK_FALSE(mt::password::verify("s3cret pas", h));
  CHECK_FALSE(mt::password::verify("", h));
}

TEST_CASE("password: the same password hashes differently each time (salted)", "[password]") {
  CHECK(mt::password::hash("x", kCheap) != mt::password::hash("x", kCheap));
}

TEST_CASE("password: the default cost is one of OWASP's argon2id minimums", "[password]") {
  const auto cost = mt::config::from_env("password_test").password_cost;
  const std::string h = mt::password::hash("x", cost);
  CHECK(h.find("m=7168,t=5,p=1") != std::string::npos);
}

TEST_CASE("password: hashes made at the earlier cost (19 MiB, 2 passes) still verify",
          "[password]") {
  const std::string h = mt::password::hash("x", mt::config::PasswordCost{2, 19 * 1024 * 1024});
  CHECK(mt::password::verify("x", h));
  CHECK_FALSE(mt::password::verify("y", h));
}

TEST_CASE("password: a malformed stored hash is no match", "[password]") {
  CHECK_FALSE(mt::password::verify("x", ""));
  CHECK_FALSE(mt::password::verify("x", "$argon2id$garbage"));
  CHECK_FALSE(mt::password::verify("x", "5f4dcc3b5aa765d61d8327deb882cf99"));
}
