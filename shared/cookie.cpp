// shared/cookie: reading the Cookie header, writing Set-Cookie, and HMAC-SHA256 signed values.
#include "shared/cookie.hpp"

#include <charconv>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace mt::cookie {
namespace {

constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string to_base64(std::string_view bin) {
  std::string out(sodium_base64_ENCODED_LEN(bin.size(), kBase64), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()),
                    bin.size(), kBase64);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, kBase64) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

// HMAC-SHA256 over purpose, NUL, payload: the purpose can never be confused with payload bytes.
std::string mac(std::string_view purpose, std::string_view payload, std::string_view secret) {
  std::string message(purpose);
  message += '\0';
  message += payload;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), md, &len);
  return std::string(reinterpret_cast<const char*>(md), len);
}

}  // namespace

std::optional<std::string_view> find(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    const std::string_view pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name)
      return trim(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, long max_age,
                       Transport transport) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", name, value, max_age,
                     transport == Transport::kHttpsOnly ? "; Secure" : "");
}

std::string seal(std::string_view purpose, std::string_view data, long expires,
                 std::string_view secret) {
  const std::string payload = to_base64(fmt::format("{}|{}", expires, data));
  return payload + "." + to_base64(mac(purpose, payload, secret));
}

std::optional<std::string> unseal(std::string_view purpose, std::string_view sealed,
                                  std::string_view secret, long now) {
  const auto dot = sealed.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view payload = sealed.substr(0, dot);
  const auto signature = from_base64(sealed.substr(dot + 1));
  const std::string expected = mac(purpose, payload, secret);
  if (!signature || signature->size() != expected.size() ||
      CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
    return std::nullopt;
  }
  const auto plain = from_base64(payload);
  if (!plain) return std::nullopt;
  const auto bar = plain->find('|');
  if (bar == std::string::npos) return std::nullopt;
  long expires = 0;
  const auto [end, ec] = std::from_chars(plain->data(), plain->data() + bar, expires);
  if (ec != std::errc{} || end != plain->data() + bar) return std::nullopt;
  if (expires <= now) return std::nullopt;
  return plain->substr(bar + 1);
}

}  // namespace mt::cookie
