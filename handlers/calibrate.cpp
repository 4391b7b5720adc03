// handlers/calibrate.cpp: GET /calibrate. A fixed tiny text, no database, no templates: what
// nginx and the FastCGI loop alone allow on this machine (scripts/bench's ceiling).
#include "shared/fcgi.hpp"
#include "shared/http.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& /*req*/, Context& /*ctx*/) {
  return http::text(http::kOk, "ok\n");
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("calibrate", mt::handle); }
