// shared/form: what a browser sends: urlencoded form bodies and paging parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/http.hpp"

namespace mt::form {

// The fields of a POSTed application/x-www-form-urlencoded body (an empty body has none).
// Throws http::Error 403 when another site sent it (origin::require_same_site), 415 for a body
// of any other content type.
class Form {
 public:
  explicit Form(const http::Request& req);
  // The first value of field `name`, decoded; "" when the field is absent.
  std::string get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// The positive integer id in query parameter `name` (paging: `?before=<message id>`);
// std::nullopt when absent. Throws http::Error 400 when it is not such an id.
std::optional<long> query_id(const http::Request& req, std::string_view name);

}  // namespace mt::form
