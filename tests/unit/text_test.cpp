// Unit tests of shared/text.
#include "shared/text.hpp"

#include <string>

#include <catch2/catch.hpp>

TEST_CASE("text: valid UTF-8 is accepted", "[text]") {
  CHECK(mt::text::valid_utf8(""));
  CHECK(mt::text::valid_utf8("plain"));
  CHECK(mt::text::valid_utf8("S\xC3\xB8ren \xE2\x9C\x93 \xF0\x9F\x98\x80"));
}

TEST_CASE("text: malformed UTF-8 is rejected", "[text]") {
  for (const std::string bad :
       {"\xFF", "\xC3", "\xE2\x9C", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "a\x80"}) {
    CHECK_FALSE(mt::text::valid_utf8(bad));
  }
}

TEST_CASE("text: length counts code points", "[text]") {
  CHECK(mt::text::length("abc") == 3);
  CHECK(mt::text::length("\xC3\xB8\xE2\x9C\x93") == 2);
}

TEST_CASE("text: control characters are found", "[text]") {
  CHECK(mt::text::has_control(std::string("a\0b", 3)));
  CHECK(mt::text::has_control("a\nb"));
  CHECK(mt::text::has_control("a\x7F"));
  CHECK_FALSE(mt::text::has_control("Roger Histand"));
}
