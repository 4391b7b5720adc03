// scripts/src/replay/options: the replay tool's command line.
#include "scripts/src/replay/options.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace mt::replay::options {
namespace {

constexpr std::size_t kMaxConcurrency = 1024;

std::optional<std::size_t> parse_positive(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_seconds(std::string_view text) {
  const std::string copy(text);  // strtod needs a terminated string; from_chars(double) is GCC 11+
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value) || value <= 0) {
    return std::nullopt;
  }
  return value;
}

// Applies one "--name value" pair; false (with `error` set) when the value is invalid.
bool apply(Options& options, std::string_view name, std::string_view value, std::string* error) {
  if (name == "--url") {
    options.url = std::string(value);
    while (!options.url.empty() && options.url.back() == '/') options.url.pop_back();
    if (options.url.empty()) *error = "--url must not be empty";
  } else if (name == "--file") {
    options.file = std::string(value);
  } else if (name == "--actions") {
    options.actions = parse_positive(value);
    if (!options.actions) *error = "--actions takes a positive integer";
  } else if (name == "--concurrency") {
    const auto n = parse_positive(value);
    if (!n || *n > kMaxConcurrency) *error = "--concurrency takes an integer from 1 to 1024";
    options.concurrency = n.value_or(1);
  } else if (name == "--timeout") {
    const auto seconds = parse_seconds(value);
    if (!seconds) *error = "--timeout takes a positive number of seconds";
    options.timeout_s = seconds.value_or(0);
  } else if (name == "--user") {
    options.user = std::string(value);
  } else if (name == "--password") {
    options.password = std::string(value);
  } else if (name == "--json") {
    options.json_file = std::string(value);
  } else if (name == "--log") {
    options.log_file = std::string(value);
  } else {
    *error = "unknown option " + std::string(name);
  }
  return error->empty();
}

}  // namespace

std::optional<Options> parse(const std::vector<std::string_view>& args,
                             const std::string& default_file, std::string* error) {
  Options options;
  options.file = default_file;
  error->clear();
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view name = args[i];
    if (name == "--help" || name == "-h") {
      options.help = true;
      continue;
    }
    std::string_view value;
    if (const auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      *error = std::string(name) + " needs a value (or is unknown)";
      return std::nullopt;
    }
    if (!apply(options, name, value, error)) return std::nullopt;
  }
  return options;
}

std::string usage() {
  return R"(usage: replay [options]
Replays the simulator's recorded actions against the MiniTwit API and prints a summary.

  --url BASE          API base URL (default http://127.0.0.1:5001)
  --file CSV          scenario file (default ../shared/minitwit_scenario.csv beside the repo)
  --actions N         replay only the first N actions (default: all)
  --concurrency C     requests in flight (default 1); actions on the same users stay in order
  --timeout SECONDS   per-request timeout (default 0.3, like the simulator)
  --user NAME         simulator user (default simulator)
  --password PW       simulator password (default super_safe!)
  --json FILE         write the summary as JSON
  --log FILE          one line per action: id, command, status or "error", latency ms, detail
  --help              this text

Exit status: 0 when every request got 204, 1 when some did not, 2 on usage or input errors.
)";
}

}  // namespace mt::replay::options
