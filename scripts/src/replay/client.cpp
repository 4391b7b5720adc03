// scripts/src/replay/client: one libcurl easy handle that sends requests the way the simulator
// does (a new connection each time, Basic auth, JSON body, a per-request timeout).
#include "scripts/src/replay/client.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

namespace mt::replay::client {
namespace {

constexpr std::size_t kMaxKeptBody = 512;  // enough for {"status":..,"error_msg":..}

// CURLOPT_WRITEFUNCTION: keeps the start of the body, accepts (and drops) the rest.
std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (body->size() < kMaxKeptBody) body->append(data, std::min(bytes, kMaxKeptBody - body->size()));
  return bytes;
}

}  // namespace

Global::Global() {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    throw std::runtime_error("curl_global_init failed");
  }
}

Global::~Global() { curl_global_cleanup(); }

Client::Client(Settings settings) : settings_(std::move(settings)), curl_(curl_easy_init()) {
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
  for (const char* header : {"Connection: close", "Content-Type: application/json", "Expect:"}) {
    curl_slist* grown = curl_slist_append(headers_, header);
    if (grown == nullptr) {
      curl_slist_free_all(headers_);
      curl_easy_cleanup(curl_);
      throw std::runtime_error("curl_slist_append failed");
    }
    headers_ = grown;
  }
}

Client::~Client() {
  curl_slist_free_all(headers_);
  curl_easy_cleanup(curl_);
}

stats::Outcome Client::post(const request::Request& request, scenario::Command command) {
  stats::Outcome outcome;
  outcome.command = command;
  std::string body;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  const std::string url = settings_.base_url + request.target;
  const auto timeout_ms = std::lround(settings_.timeout_s * 1000);

  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(curl_, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl_, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
  curl_easy_setopt(curl_, CURLOPT_USERNAME, settings_.user.c_str());
  curl_easy_setopt(curl_, CURLOPT_PASSWORD, settings_.password.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, keep_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_buffer.data());

  const auto start = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(curl_);
  outcome.latency_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);  // the buffer goes out of scope

  if (code != CURLE_OK) {
    outcome.error = curl_easy_strerror(code);
    outcome.detail = error_buffer.data();
    return outcome;
  }
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &outcome.status);
  if (!stats::succeeded(outcome)) outcome.detail = std::move(body);
  return outcome;
}

std::optional<std::int64_t> Client::latest() {
  std::string body;
  const std::string url = settings_.base_url + "/latest";
  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, keep_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body);
  long status = 0;
  if (curl_easy_perform(curl_) != CURLE_OK) return std::nullopt;
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (status != 200 || !json.is_object() || !json.contains("latest")) return std::nullopt;
  if (!json["latest"].is_number_integer()) return std::nullopt;
  return json["latest"].get<std::int64_t>();
}

}  // namespace mt::replay::client
