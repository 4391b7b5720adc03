// shared/fcgi: serve(handler) runs a handler binary: supervision, the FastCGI request loop,
// the one catch-all that maps failures to statuses, and the access log.
#include "shared/fcgi.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <optional>
#include <string_view>

#include <fcgiapp.h>
#include <fmt/format.h>
#include <sodium.h>

#include "shared/basic_auth.hpp"
#include "shared/cache.hpp"
#include "shared/json.hpp"
#include "shared/log.hpp"
#include "shared/metrics.hpp"
#include "shared/pages.hpp"
#include "shared/prefork.hpp"
#include "shared/queries.hpp"
#include "shared/view.hpp"

namespace mt::fcgi {
namespace {

constexpr std::string_view kHtmlError =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{0} | MiniTwit</title>"
    "<link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><div class=\"page\">"
    "<h1>MiniTwit</h1><div class=\"body\"><h2>{0}</h2><p>{1}</p>"
    "<p><a href=\"/public\">Back to the public timeline</a></p></div></div></body></html>";

http::Params read_params(FCGX_ParamArray envp) {
  http::Params params;
  for (char** p = envp; p != nullptr && *p != nullptr; ++p) {
    const std::string_view kv(*p);
    const auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return params;
}

// Reads the body nginx sent, up to `cap` bytes. Throws http::Error 413 above the cap.
std::string read_body(FCGX_Request& fcgx, std::size_t cap) {
  const char* length = FCGX_GetParam("CONTENT_LENGTH", fcgx.envp);
  if (length == nullptr || *length == '\0') return {};
  std::size_t n = 0;
  const std::string_view s(length);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size())
    throw http::Error{http::kBadRequest, "Invalid Content-Length"};
  if (n > cap)
    throw http::Error{http::kPayloadTooLarge,
                      fmt::format("Request body too large (at most {} bytes)", cap)};
  std::string body(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    const int r = FCGX_GetStr(body.data() + got, static_cast<int>(n - got), fcgx.in);
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  body.resize(got);
  return body;
}

void write_response(FCGX_Request& fcgx, const http::Response& res) {
  std::string head = fmt::format("Status: {}\r\n", http::status_line(res.status));
  if (!res.content_type.empty()) {
    head += fmt::format("Content-Type: {}\r\nContent-Length: {}\r\n", res.content_type,
                        res.body.size());
  }
  for (const auto& [name, value] : res.headers) head += fmt::format("{}: {}\r\n", name, value);
  head += "\r\n";
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), fcgx.out);
  if (!res.body.empty()) FCGX_PutStr(res.body.data(), static_cast<int>(res.body.size()), fcgx.out);
}

std::string new_request_id() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  std::string hex(sizeof raw * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw, sizeof raw);
  hex.pop_back();
  return hex;
}

// Stores ?latest=N before the action runs, so it sticks whatever the action does.
void record_latest(const http::Request& req, Context& ctx) {
  const auto raw = req.query("latest");
  if (!raw) return;
  long value = 0;
  const auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
  if (raw->empty() || ec != std::errc{} || end != raw->data() + raw->size())
    throw http::Error{http::kBadRequest, "\"latest\" must be an integer"};
  db::Tx tx(ctx.db, db::Mode::kRead);
  queries::set_latest(tx, value);
}

// The answer to scripts/swap's readiness probe (a FastCGI request with MT_PROBE set, which
// nginx never sends): 200 when this process can serve, i.e. reach PostgreSQL.
http::Response readiness(const http::Request& /*req*/, Context& ctx) {
  db::Tx tx(ctx.db, db::Mode::kRead);
  tx.exec("SELECT 1");
  return http::text(http::kOk, "ready\n");
}

struct Outcome {
  http::Response response;
  std::string error_detail;  // for the log only, never for the client
};

// The page or body a failed request gets: in the site's layout for web pages.
http::Response failure(int status, const std::string& message, const Options& options,
                       const Context& ctx) {
  if (options.errors == ErrorBody::kPage && ctx.templates != nullptr)
    return pages::error(ctx, status, message);
  return error_response(status, message, options.errors);
}

// Web pages need their templates (read once, before the workers fork) and a session secret.
view::Templates load_site(const config::Config& config) {
  constexpr std::size_t kMinSecretBytes = 32;
  if (config.session_secret.size() < kMinSecretBytes)
    throw std::runtime_error("MINITWIT_SESSION_SECRET(_FILE) must hold at least 32 bytes");
  return view::Templates::load(config.template_dir);
}

// Runs the handler (and the ?latest= bookkeeping) so that a PostgreSQL restart costs no request
// once the server is back: see db::with_reconnect.
http::Response run_with_reconnect(Handler handle, const Options& options, const http::Request& req,
                                  Context& ctx) {
  return db::with_reconnect(ctx.db, [&] {
    if (options.latest == Latest::kRecord) record_latest(req, ctx);
    return handle(req, ctx);
  });
}

// The one catch-all: every failure becomes a status here, with details for the log only.
Outcome run_handler(Handler handle, const Options& options, FCGX_Request& fcgx,
                    const std::string& request_id, Context& ctx) {
  const auto internal_error = [&](std::string detail) {
    return Outcome{
        failure(http::kInternalError,
                fmt::format("Internal server error (request id {})", request_id), options, ctx),
        std::move(detail)};
  };
  // The database is unreachable: reconnect on the next request, answer 503 now.
  const auto unavailable = [&](std::string detail) {
    metrics::count_db_error(metrics::DbError::kUnreachable);
    ctx.db.reset();
    return Outcome{failure(http::kServiceUnavailable,
                           http::Error::default_message(http::kServiceUnavailable), options, ctx),
                   std::move(detail)};
  };
  try {
    http::Request req(read_params(fcgx.envp), read_body(fcgx, ctx.config.max_body_bytes));
    if (req.param("MT_PROBE")) return {run_with_reconnect(readiness, Options{}, req, ctx), {}};
    if (options.auth == Auth::kSimulator &&
        !basic_auth::matches(req.header("AUTHORIZATION"), ctx.config.sim_user,
                             ctx.config.sim_password)) {
      throw http::Error{http::kForbidden};
    }
    return {run_with_reconnect(handle, options, req, ctx), {}};
  } catch (const http::Error& e) {
    return {failure(e.status, e.what(), options, ctx), {}};
  } catch (const pqxx::broken_connection& e) {
    return unavailable(fmt::format("database unreachable: {}", e.what()));
  } catch (const pqxx::in_doubt_error& e) {
    // The database went away while committing: the write may or may not be stored, so it is
    // never retried, and the client gets no 2xx. It is an outage, not a bug: 503.
    return unavailable(
        fmt::format("database went away during commit, outcome unknown: {}", e.what()));
  } catch (const pqxx::sql_error& e) {
    if (ctx.db.lost(e)) return unavailable(fmt::format("database unreachable: {}", e.what()));
    metrics::count_db_error(metrics::DbError::kQuery);
    return internal_error(fmt::format("database error: {}", e.what()));
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

std::string param_or_empty(const FCGX_Request& fcgx, const char* name) {
  const char* v = FCGX_GetParam(name, fcgx.envp);
  return v != nullptr ? v : "";
}

// What the access line needs, read before FCGX_Finish_r frees the parameters.
struct RequestLine {
  std::string method;
  std::string path;
  std::string request_id;
};

void access_log(const RequestLine& line, const Outcome& outcome, const std::optional<User>& user,
                std::chrono::nanoseconds took) {
  const int status = outcome.response.status;
  nlohmann::json fields = {
      {"http.request.method", line.method},  {"url.path", line.path},
      {"http.response.status_code", status}, {"event.duration", took.count()},
      {"trace.id", line.request_id},
  };
  if (!outcome.error_detail.empty()) fields["error.message"] = outcome.error_detail;
  if (user) fields["user.id"] = user->id;
  const auto level = status >= 500 ? log::Level::kError : log::Level::kInfo;
  log::write(level, status >= 500 ? "request failed" : "request", std::move(fields));
}

int worker(Handler handle, const Options& options, const config::Config& config,
           const view::Templates* templates, int listen_fd) {
  log::init(config.service);
  prefork::install_worker_signals();
  Context ctx{config, db::Db(config.database_url), templates, std::nullopt};
  FCGX_Request fcgx;
  FCGX_InitRequest(&fcgx, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
  for (;;) {
    // Told to stop alone (not the whole generation): leave the queue to the siblings.
    if (prefork::stop_requested() && !prefork::draining(listen_fd)) break;
    const int rc = FCGX_Accept_r(&fcgx);
    if (rc < 0) {
      if (prefork::stop_requested()) break;  // queue drained
      if (rc == -EINTR) continue;
      log::error("accept failed", {{"error.code", rc}});
      break;
    }
    const auto started = std::chrono::steady_clock::now();
    RequestLine line{param_or_empty(fcgx, "REQUEST_METHOD"), param_or_empty(fcgx, "DOCUMENT_URI"),
                     param_or_empty(fcgx, "REQUEST_ID")};
    if (line.request_id.empty()) line.request_id = new_request_id();
    ctx.user.reset();
    const Outcome outcome = run_handler(handle, options, fcgx, line.request_id, ctx);
    write_response(fcgx, outcome.response);
    FCGX_Finish_r(&fcgx);
    metrics::record_request(line.method, outcome.response.status,
                            std::chrono::steady_clock::now() - started);
    access_log(line, outcome, ctx.user, std::chrono::steady_clock::now() - started);
  }
  FCGX_Free(&fcgx, 1);
  return 0;
}

}  // namespace

http::Response error_response(int status, const std::string& message, ErrorBody body) {
  if (body == ErrorBody::kJson) {
    return http::Response{
        status, "application/json", json::dump(json::error_body(status, message)), {}};
  }
  return http::Response{
      status,
      "text/html; charset=utf-8",
      fmt::format(kHtmlError, http::status_line(status), view::html_escape(message)),
      {}};
}

int serve(const char* service, Handler handle, Options options) {
  try {
    log::init(service);
    const config::Config config = config::from_env(service);
    metrics::open(config.metrics_file, service);
    cache::open(config.changes_file);
    const prefork::Settings settings = prefork::from_env(service);
    std::optional<view::Templates> templates;
    if (options.errors == ErrorBody::kPage) templates = load_site(config);
    return prefork::run(settings, [&](int listen_fd) {
      return worker(handle, options, config, templates ? &*templates : nullptr, listen_fd);
    });
  } catch (const std::exception& e) {
    log::error("handler cannot start", {{"error.message", e.what()}});
    return 1;
  }
}

}  // namespace mt::fcgi
