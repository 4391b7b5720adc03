// shared/http: the request a handler reads, the response it returns, and http::Error.
#include "shared/http.hpp"

#include <charconv>

#include <fmt/format.h>

#include "shared/text.hpp"
#include "shared/url.hpp"

namespace mt::http {
namespace {

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

std::string_view find(const Params& params, std::string_view name, bool& found) {
  for (const auto& [k, v] : params) {
    if (k == name) {
      found = true;
      return v;
    }
  }
  found = false;
  return {};
}

}  // namespace

std::string Error::default_message(int status_code) {
  switch (status_code) {
    case kUnauthorized:
      return "You have to sign in first";
    case kForbidden:
      return "You are not authorized to use this resource!";
    case kNotFound:
      return "Not found";
    case kMethodNotAllowed:
      return "Method not allowed";
    case kServiceUnavailable:
      return "The service is temporarily unavailable, please retry";
    default:
      return reason(status_code);
  }
}

Request::Request(Params cgi_params, std::string body)
    : params_(std::move(cgi_params)), body_(std::move(body)) {
  method_ = std::string(param("REQUEST_METHOD").value_or("GET"));
  path_ = std::string(param("DOCUMENT_URI").value_or("/"));
  request_id_ = std::string(param("REQUEST_ID").value_or(""));
  query_ = url::parse_query(param("QUERY_STRING").value_or(""));
}

std::optional<std::string_view> Request::param(std::string_view name) const {
  bool found = false;
  const auto v = find(params_, name, found);
  if (!found) return std::nullopt;
  return v;
}

std::optional<std::string_view> Request::header(std::string_view cgi_name) const {
  return param(fmt::format("HTTP_{}", cgi_name));
}

const std::string& Request::path_param(std::string_view name) const {
  std::string key = "MT_";
  for (const char c : name) key += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  for (const auto& [k, v] : params_) {
    if (k != key) continue;
    // No stored name holds these (accounts::check), and PostgreSQL refuses invalid UTF-8.
    if (!text::valid_utf8(v) || text::has_control(v))
      throw Error{kBadRequest, "The address holds invalid UTF-8 or control characters"};
    return v;
  }
  throw Error{kNotFound};
}

std::optional<std::string_view> Request::query(std::string_view name) const {
  bool found = false;
  const auto v = find(query_, name, found);
  if (!found) return std::nullopt;
  return v;
}

Response no_content() { return Response{kNoContent, "", "", {}}; }

Response redirect(std::string location) {
  Response r{kFound, "", "", {}};
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Response text(int status, std::string body) {
  return Response{status, "text/plain; charset=utf-8", std::move(body), {}};
}

std::string status_line(int status) { return fmt::format("{} {}", status, reason(status)); }

long query_count(const Request& req, std::string_view name, long fallback, long max) {
  const auto raw = req.query(name);
  if (!raw) return fallback;
  long value = -1;
  const auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
  if (raw->empty() || ec != std::errc{} || end != raw->data() + raw->size() || value < 0 ||
      value > max) {
    throw Error{kBadRequest, fmt::format("\"{}\" must be an integer between 0 and {}", name, max)};
  }
  return value;
}

}  // namespace mt::http
