// shared/fcgi: serve(handler) runs a handler binary: supervision, the FastCGI request loop,
// the one catch-all that maps failures to statuses, and the access log.
#pragma once

#include <string>

#include "shared/context.hpp"
#include "shared/http.hpp"

namespace mt::fcgi {

using Handler = http::Response (*)(const http::Request&, Context&);

enum class Auth { kNone, kSimulator };   // kSimulator: Basic auth or 403, before anything
enum class Latest { kIgnore, kRecord };  // kRecord: store ?latest=N in PostgreSQL
enum class ErrorBody { kJson, kHtml };   // how http::Error and 5xx reach the client

struct Options {
  Auth auth = Auth::kNone;
  Latest latest = Latest::kIgnore;
  ErrorBody errors = ErrorBody::kJson;
};

// Options of every simulator API route but /latest.
inline constexpr Options kSimulatorApi{Auth::kSimulator, Latest::kRecord, ErrorBody::kJson};

// Runs the handler binary named `service` until SIGTERM; returns the process exit code.
// Never throws: a bad configuration is logged and gives exit code 1.
int serve(const char* service, Handler handle, Options options = {});

// The response serve() sends for a failed request (exposed for unit tests).
http::Response error_response(int status, const std::string& message, ErrorBody body);

}  // namespace mt::fcgi
