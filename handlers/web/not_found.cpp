// handlers/web/not_found.cpp: every web path no other route takes. The 404 page, in the
// site's layout and with the visitor's navigation.
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/session.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  session::current_user(req, ctx);  // for the navigation bar
  throw http::Error{http::kNotFound, "There is no page at this address."};
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("web_not_found", mt::handle, mt::fcgi::kWebPage); }
