// shared/password: argon2id password hashes through libsodium (never a fast hash).
#include "shared/password.hpp"

#include <stdexcept>

#include <sodium.h>

namespace mt::password {
namespace {

void ensure_sodium() {
  static const int ready = sodium_init();  // thread-safe, idempotent; < 0 means unusable
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string hash(std::string_view plain, const config::PasswordCost& cost) {
  ensure_sodium();
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), plain.data(), plain.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory?)");
  }
  out.resize(out.find('\0'));
  return out;
}

bool verify(std::string_view plain, const std::string& encoded) {
  ensure_sodium();
  return crypto_pwhash_str_verify(encoded.c_str(), plain.data(), plain.size()) == 0;
}

}  // namespace mt::password
