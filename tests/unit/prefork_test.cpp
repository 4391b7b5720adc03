// Unit tests of shared/prefork: the supervisor really forks, replaces and backs off.
#include "shared/prefork.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// Runs prefork::run in a child process with `worker`; the master is stopped with SIGTERM
// after `run_for`. Returns the lines the workers appended to `log`.
std::vector<std::string> supervise(const std::function<int(const std::string& log)>& worker,
                                   std::chrono::milliseconds run_for, int processes = 1,
                                   const std::function<void(const std::string&)>& meanwhile = {}) {
  char tmpl[] = "/tmp/prefork-test-XXXXXX";
  const fs::path dir = ::mkdtemp(tmpl);
  const std::string log = dir / "workers.log";
  const pid_t master = ::fork();
  if (master == 0) {
    mt::prefork::Settings s;
    s.service = "prefork-test";
    s.socket = dir / "test.sock";
    s.processes = processes;
    std::_Exit(mt::prefork::run(s, [&](int /*fd*/) { return worker(log); }));
  }
  if (meanwhile) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    meanwhile(log);
  }
  std::this_thread::sleep_for(run_for);
  ::kill(master, SIGTERM);
  int status = 0;
  ::waitpid(master, &status, 0);
  std::vector<std::string> lines;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  fs::remove_all(dir);
  return lines;
}

void append(const std::string& path, const std::string& line) {
  std::ofstream(path, std::ios::app) << line << '\n';
}

}  // namespace

TEST_CASE("prefork: workers that keep dying at start-up are restarted with backoff", "[prefork]") {
  const auto starts = supervise(
      [](const std::string& log) {
        append(log, std::to_string(::getpid()));
        return 1;  // dies at once
      },
      std::chrono::milliseconds(2000));
  // Hot looping would start thousands; backoff (200 ms doubling) allows a handful in 2 s.
  CHECK(starts.size() >= 3);
  CHECK(starts.size() <= 8);
}

TEST_CASE("prefork: a killed worker is replaced at once", "[prefork]") {
  std::vector<std::string> seen_before_kill;
  const auto starts = supervise(
      [](const std::string& log) {
        mt::prefork::install_worker_signals();
        append(log, std::to_string(::getpid()));
        while (!mt::prefork::stop_requested()) ::pause();
        return 0;
      },
      std::chrono::milliseconds(500), 2,
      [&](const std::string& log) {
        std::ifstream in(log);
        for (std::string line; std::getline(in, line);) seen_before_kill.push_back(line);
        REQUIRE(seen_before_kill.size() == 2);
        ::kill(std::stoi(seen_before_kill[0]), SIGKILL);
      });
  REQUIRE(starts.size() == 3);  // two, then one replacement
  CHECK(starts[2] != starts[0]);
  CHECK(starts[2] != starts[1]);
}
