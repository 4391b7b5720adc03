// shared/basic_auth: checks an `Authorization: Basic ...` header against configured credentials.
#include "shared/basic_auth.hpp"

#include <sodium.h>

namespace mt::basic_auth {

std::string encode(std::string_view user, std::string_view password) {
  const std::string plain = std::string(user) + ":" + std::string(password);
  std::string out(sodium_base64_ENCODED_LEN(plain.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()),
                    plain.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return "Basic " + out;
}

bool matches(std::optional<std::string_view> header, std::string_view user,
             std::string_view password) {
  if (!header) return false;
  const std::string expected = encode(user, password);
  if (header->size() != expected.size()) return false;
  return sodium_memcmp(header->data(), expected.data(), expected.size()) == 0;
}

}  // namespace mt::basic_auth
