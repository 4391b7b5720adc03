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
// How http::Error and 5xx reach the client. kPage: web pages; serve loads the templates
// (MINITWIT_TEMPLATE_DIR) at startup and renders errors in the site's layout.
enum class ErrorBody { kJson, kHtml, kPage };

struct Options {
  Auth auth = Auth::kNone;
  Latest latest = Latest::kIgnore;
  ErrorBody errors = ErrorBody::kJson;
};

// Options of every simulator API route but /latest.
inline constexpr Options kSimulatorApi{Auth::kSimulator, Latest::kRecord, ErrorBody::kJson};
// Options of every web page route.
inline constexpr Options kWebPage{Auth::kNone, Latest::kIgnore, ErrorBody::kPage};

// Runs the handler binary named `service` until SIGTERM; returns the process exit code.
// Never throws: a bad configuration is logged and gives exit code 1.
int serve(const char* service, Handler handle, Options options = {});

// The response serve() sends for a failed request (exposed for unit tests).
http::Response error_response(int status, const std::string& message, ErrorBody body);

}  // namespace mt::fcgi
