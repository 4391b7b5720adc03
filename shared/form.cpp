// shared/form: what a browser sends: urlencoded form bodies and paging parameters.
#include "shared/form.hpp"

#include <charconv>

#include <fmt/format.h>

#include "shared/origin.hpp"
#include "shared/url.hpp"

namespace mt::form {
namespace {

constexpr std::string_view kUrlEncoded = "application/x-www-form-urlencoded";
constexpr int kUnsupportedMediaType = 415;

}  // namespace

Form::Form(const http::Request& req) {
  origin::require_same_site(req);
  if (req.body().empty()) return;
  const std::string_view type = req.param("CONTENT_TYPE").value_or("");
  if (type.substr(0, kUrlEncoded.size()) != kUrlEncoded)
    throw http::Error{kUnsupportedMediaType,
                      "Forms must be sent as application/x-www-form-urlencoded"};
  fields_ = url::parse_query(req.body());
}

std::string Form::get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return {};
}

std::optional<long> query_id(const http::Request& req, std::string_view name) {
  const auto raw = req.query(name);
  if (!raw) return std::nullopt;
  long id = 0;
  const auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), id);
  if (raw->empty() || ec != std::errc{} || end != raw->data() + raw->size() || id <= 0)
    throw http::Error{http::kBadRequest, fmt::format("\"{}\" must be a message id", name)};
  return id;
}

}  // namespace mt::form
