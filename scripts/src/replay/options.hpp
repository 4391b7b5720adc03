// scripts/src/replay/options: the replay tool's command line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mt::replay::options {

struct Options {
  std::string url = "http://127.0.0.1:5001";  // API base URL, without a trailing slash
  std::string file;                           // scenario CSV
  std::optional<std::size_t> actions;         // replay only the first N; all when unset
  std::size_t concurrency = 1;
  double timeout_s = 0.3;  // per request, like the simulator
  std::string user = "simulator";
  std::string password = "super_safe!";
  std::string json_file;  // summary as JSON, when set
  std::string log_file;   // one line per action, when set
  bool help = false;
};

// Parses the arguments after the program name ("--url X" or "--url=X"); `file` starts as
// `default_file`. Returns std::nullopt for a usage error and then says why in `error` (not null).
std::optional<Options> parse(const std::vector<std::string_view>& args,
                             const std::string& default_file, std::string* error);

// The --help text.
std::string usage();

}  // namespace mt::replay::options
