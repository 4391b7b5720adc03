// handlers/api/register.cpp: POST /register. The simulator signs up a user.
#include "shared/accounts.hpp"
#include "shared/api.hpp"
#include "shared/fcgi.hpp"
#include "shared/http.hpp"
#include "shared/json.hpp"

namespace mt {
namespace {

http::Response handle(const http::Request& req, Context& ctx) {
  if (req.method() != "POST") throw http::Error{http::kMethodNotAllowed};
  const auto body = json::parse_object(req.body()).get<api::RegisterBody>();
  const accounts::SignUp form{body.username, body.email, body.pwd, body.pwd};

  if (auto error = accounts::check(form)) throw http::Error{http::kBadRequest, *error};
  if (auto error = accounts::create(ctx.db, form, ctx.config.password_cost))
    throw http::Error{http::kBadRequest, *error};
  return http::no_content();
}

}  // namespace
}  // namespace mt

int main() { return mt::fcgi::serve("api_register", mt::handle, mt::fcgi::kSimulatorApi); }
