// scripts/src/replay/client: one libcurl easy handle that sends requests the way the simulator
// does (a new connection each time, Basic auth, JSON body, a per-request timeout).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <curl/curl.h>

#include "scripts/src/replay/request.hpp"
#include "scripts/src/replay/scenario.hpp"
#include "scripts/src/replay/stats.hpp"

namespace mt::replay::client {

struct Settings {
  std::string base_url;  // without a trailing slash
  std::string user;
  std::string password;
  double timeout_s = 0.3;
};

// Calls curl_global_init for the process lifetime of the object; create one, in main, before
// any thread or Client. Throws std::runtime_error when libcurl can't initialise.
class Global {
 public:
  Global();
  ~Global();
  Global(const Global&) = delete;
  Global& operator=(const Global&) = delete;
};

// Not thread-safe: use one Client per thread. Throws std::runtime_error when the handle can't
// be created.
class Client {
 public:
  explicit Client(Settings settings);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends `request` as an authorised POST and reports the status (or transport error) and
  // latency. Never throws except std::bad_alloc.
  stats::Outcome post(const request::Request& request, scenario::Command command);

  // GET /latest without credentials; std::nullopt when it fails or the body is not {"latest":N}.
  std::optional<std::int64_t> latest();

 private:
  Settings settings_;
  CURL* curl_ = nullptr;
  curl_slist* headers_ = nullptr;
};

}  // namespace mt::replay::client
