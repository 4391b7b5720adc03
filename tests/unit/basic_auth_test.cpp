// Unit tests of shared/basic_auth.
#include "shared/basic_auth.hpp"

#include <catch2/catch.hpp>

using mt::basic_auth::matches;

TEST_CASE("basic_auth: the simulator's default header matches", "[basic_auth]") {
  CHECK(mt::basic_auth::encode("simulator", "super_safe!") == "Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh");
  CHECK(matches("Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh", "simulator", "super_safe!"));
}

TEST_CASE("basic_auth: missing, malformed and wrong headers do not match", "[basic_auth]") {
  CHECK_FALSE(matches(std::nullopt, "simulator", "super_safe!"));
  CHECK_FALSE(matches("", "simulator", "super_safe!"));
  CHECK_FALSE(matches("Basic", "simulator", "super_safe!"));
  CHECK_FALSE(matches("Bearer c2ltdWxhdG9yOnN1cGVyX3NhZmUh", "simulator", "super_safe!"));
  CHECK_FALSE(matches("Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUi", "simulator", "super_safe!"));
  CHECK_FALSE(matches("Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh", "simulator", "other"));
}
