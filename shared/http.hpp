// shared/http: the request a handler reads, the response it returns, and http::Error.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mt::http {

constexpr int kOk = 200;
constexpr int kNoContent = 204;
constexpr int kFound = 302;
constexpr int kBadRequest = 400;
constexpr int kUnauthorized = 401;
constexpr int kForbidden = 403;
constexpr int kNotFound = 404;
constexpr int kMethodNotAllowed = 405;
constexpr int kPayloadTooLarge = 413;
constexpr int kInternalError = 500;
constexpr int kServiceUnavailable = 503;

// A request that cannot be served as asked. `message` is public: it reaches the client.
struct Error : std::runtime_error {
  Error(int status_code, const std::string& public_message)
      : std::runtime_error(public_message), status(status_code) {}
  explicit Error(int status_code) : Error(status_code, default_message(status_code)) {}
  int status;
  static std::string default_message(int status_code);
};

using Params = std::vector<std::pair<std::string, std::string>>;

// One incoming request, as nginx passed it over FastCGI. Owns all its data.
class Request {
 public:
  // `cgi_params` are the FastCGI parameters (REQUEST_METHOD, DOCUMENT_URI, QUERY_STRING,
  // HTTP_*, MT_* path parameters set by nginx). The query string is decoded here.
  Request(Params cgi_params, std::string body);

  const std::string& method() const { return method_; }
  const std::string& path() const { return path_; }  // decoded by nginx
  const std::string& body() const { return body_; }
  const std::string& request_id() const { return request_id_; }

  // A FastCGI parameter by exact name; std::nullopt when nginx did not send it.
  std::optional<std::string_view> param(std::string_view name) const;
  // A request header by its CGI name ("AUTHORIZATION" reads HTTP_AUTHORIZATION).
  std::optional<std::string_view> header(std::string_view cgi_name) const;
  // The path parameter nginx captured (for "username": MT_USERNAME). Throws Error 404 if absent,
  // 400 if it is not valid UTF-8 or holds a control character.
  const std::string& path_param(std::string_view name) const;
  // First value of a query-string parameter, decoded; std::nullopt when absent.
  std::optional<std::string_view> query(std::string_view name) const;

 private:
  Params params_;
  Params query_;
  std::string body_;
  std::string method_;
  std::string path_;
  std::string request_id_;
};

// What a handler returns; fcgi::serve writes it out.
struct Response {
  int status = kOk;
  std::string content_type;  // empty for bodiless responses
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Location, Set-Cookie)
};

Response no_content();
Response redirect(std::string location);
Response text(int status, std::string body);

// "200 OK", "404 Not Found", ...: the Status line value for FastCGI.
std::string status_line(int status);

// Reads a non-negative integer query parameter no greater than `max`; `fallback` when absent.
// Throws Error 400 naming the parameter when it is not such an integer.
long query_count(const Request& req, std::string_view name, long fallback, long max);

}  // namespace mt::http
