// scripts/src/replay/main.cpp: the scenario replayer. Sends the simulator's recorded actions
// (SPEC §6) to the API like the simulator does, then prints throughput and latency per command.
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "scripts/src/replay/client.hpp"
#include "scripts/src/replay/options.hpp"
#include "scripts/src/replay/request.hpp"
#include "scripts/src/replay/scenario.hpp"
#include "scripts/src/replay/schedule.hpp"
#include "scripts/src/replay/stats.hpp"

namespace mt::replay {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitErrors = 1;
constexpr int kExitUsage = 2;

// Opens `path` for writing when it is set; false (after saying why) when that fails.
bool open_output(const std::string& path, std::ofstream& out) {
  if (path.empty()) return true;
  out.open(path, std::ios::binary | std::ios::trunc);
  if (!out) std::cerr << "replay: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

// Replays `actions` with one Client per thread; returns one outcome per action, in file order.
std::vector<stats::Outcome> replay(const std::vector<scenario::Action>& actions,
                                   std::vector<std::unique_ptr<client::Client>>& clients) {
  std::vector<request::Request> requests;
  requests.reserve(actions.size());
  for (const auto& action : actions) requests.push_back(request::build(action));
  std::vector<stats::Outcome> outcomes(actions.size());
  schedule::Dispatcher dispatcher(actions);
  auto work = [&](client::Client& client) {
    while (const auto index = dispatcher.next()) {
      outcomes[*index] = client.post(requests[*index], actions[*index].command);
      dispatcher.finish(*index);
    }
  };
  {
    std::vector<std::jthread> threads;
    threads.reserve(clients.size());
    for (auto& client : clients) threads.emplace_back(work, std::ref(*client));
  }  // joins every thread before `outcomes` is read or moved
  return outcomes;
}

int run(const std::vector<std::string_view>& args) {
  std::string error;
  const auto options = options::parse(args, MT_REPLAY_DEFAULT_SCENARIO, &error);
  if (!options) {
    std::cerr << "replay: " << error << "\n(see replay --help)\n";
    return kExitUsage;
  }
  if (options->help) {
    std::cout << options::usage();
    return kExitOk;
  }
  const auto actions = scenario::load(options->file, options->actions, &error);
  if (!actions) {
    std::cerr << "replay: " << error << "\n";
    return kExitUsage;
  }
  std::ofstream json_out;
  std::ofstream log_out;
  if (!open_output(options->json_file, json_out) || !open_output(options->log_file, log_out)) {
    return kExitUsage;
  }

  const client::Global curl;
  const client::Settings settings{options->url, options->user, options->password,
                                  options->timeout_s};
  std::vector<std::unique_ptr<client::Client>> clients;
  for (std::size_t i = 0; i < std::min(options->concurrency, actions->size()); ++i) {
    clients.push_back(std::make_unique<client::Client>(settings));
  }
  const auto start = std::chrono::steady_clock::now();
  const std::vector<stats::Outcome> outcomes = replay(*actions, clients);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;

  stats::Summary summary = stats::summarize(outcomes, wall.count());
  summary.latest = client::Client(settings).latest();
  std::cout << stats::table(summary) << std::flush;
  if (json_out.is_open()) json_out << stats::to_json(summary).dump(2) << "\n";
  for (std::size_t i = 0; log_out.is_open() && i < outcomes.size(); ++i) {
    log_out << stats::log_line((*actions)[i].id, outcomes[i]) << "\n";
  }
  return summary.errors == 0 ? kExitOk : kExitErrors;
}

}  // namespace
}  // namespace mt::replay

int main(int argc, char** argv) {
  try {
    return mt::replay::run(std::vector<std::string_view>(argv + 1, argv + argc));
  } catch (const std::exception& e) {  // the tool's one catch-all: say what failed, exit 1
    std::cerr << "replay: " << e.what() << "\n";
    return 1;
  }
}
