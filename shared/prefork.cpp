// shared/prefork: one handler = a master process that owns the socket and keeps N workers alive.
#include "shared/prefork.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>

#include <fcgiapp.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shared/log.hpp"
#include "shared/metrics.hpp"

namespace mt::prefork {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kYoungDeath = std::chrono::seconds(1);  // a worker dying sooner is crash-looping
constexpr auto kMaxBackoff = std::chrono::seconds(5);
constexpr auto kStopGrace = std::chrono::seconds(30);  // then SIGKILL the stragglers
constexpr int kBacklog = 1024;

volatile sig_atomic_t g_stop = 0;

void on_term(int /*sig*/) { g_stop = 1; }

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

void write_pidfile(const std::string& path) {
  if (path.empty()) return;
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp);
    out << ::getpid() << '\n';
  }
  std::rename(tmp.c_str(), path.c_str());  // atomic: readers see the old or the new pid
}

// Removes `path` only if it still names the file behind `fd` (a newer generation may have
// renamed its own socket or pidfile over it).
void unlink_if_ours(const std::string& path, int fd) {
  struct stat by_path {};
  struct stat by_fd {};
  if (::stat(path.c_str(), &by_path) == 0 && ::fstat(fd, &by_fd) == 0 &&
      by_path.st_ino == by_fd.st_ino && by_path.st_dev == by_fd.st_dev) {
    ::unlink(path.c_str());
  }
}

void remove_pidfile_if_ours(const std::string& path) {
  if (path.empty()) return;
  std::ifstream in(path);
  long pid = 0;
  if (in >> pid && pid == ::getpid()) ::unlink(path.c_str());
}

// No delay for a worker that ran a while; 200 ms doubling up to 5 s for one that died young.
Clock::duration backoff(int young_deaths) {
  if (young_deaths == 0) return Clock::duration::zero();
  const auto delay = std::chrono::milliseconds(100 << std::min(young_deaths, 6));
  return std::min<Clock::duration>(kMaxBackoff, delay);
}

std::string describe(int status) {
  if (WIFSIGNALED(status)) return std::string("killed by signal ") + strsignal(WTERMSIG(status));
  return "exited with code " + std::to_string(WEXITSTATUS(status));
}

class Master {
 public:
  Master(const Settings& s, const std::function<int(int)>& worker, int fd)
      : s_(s), worker_(worker), fd_(fd) {}

  int run() {
    for (int i = 0; i < s_.processes; ++i) spawn();
    write_pidfile(s_.pidfile);
    log::info("handler started",
              {{"minitwit.processes", s_.processes}, {"minitwit.socket", s_.socket}});
    while (!stopping_) wait_for_event();
    return shutdown();
  }

 private:
  void spawn() {
    const pid_t pid = ::fork();
    if (pid < 0) {
      log::error("fork failed", {{"error.message", std::strerror(errno)}});
      schedule_respawn(Clock::now() + kMaxBackoff);
      return;
    }
    if (pid == 0) {
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive the master
      if (::getppid() == 1) std::_Exit(0);
      std::_Exit(worker_(fd_));
    }
    workers_[pid] = Clock::now();
    metrics::count_process(metrics::Process::kWorkerStart);
  }

  void schedule_respawn(Clock::time_point when) { respawn_at_.push_back(when); }

  void wait_for_event() {
    sigset_t set;
    sigemptyset(&set);
    for (const int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) sigaddset(&set, sig);
    timespec timeout{0, 100'000'000};  // 100 ms: also the granularity of backoff respawns
    const int sig = sigtimedwait(&set, nullptr, &timeout);
    if (sig == SIGTERM || sig == SIGINT) {
      stopping_ = true;
      return;
    }
    reap();
    const auto now = Clock::now();
    auto due = std::partition(respawn_at_.begin(), respawn_at_.end(),
                              [now](Clock::time_point t) { return t > now; });
    const auto count = std::distance(due, respawn_at_.end());
    respawn_at_.erase(due, respawn_at_.end());
    for (long i = 0; i < count; ++i) spawn();
  }

  void reap() {
    int status = 0;
    pid_t pid = 0;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
      const auto it = workers_.find(pid);
      if (it == workers_.end()) continue;
      const auto age = Clock::now() - it->second;
      workers_.erase(it);
      if (stopping_) continue;
      metrics::count_process(metrics::Process::kWorkerDeath);
      young_deaths_ = age < kYoungDeath ? young_deaths_ + 1 : 0;
      const auto delay = backoff(young_deaths_);
      log::error("worker died; replacing it",
                 {{"process.exit", describe(status)},
                  {"minitwit.worker_pid", pid},
                  {"minitwit.respawn_delay_ms",
                   std::chrono::duration_cast<std::chrono::milliseconds>(delay).count()}});
      if (delay == Clock::duration::zero()) {
        spawn();
      } else {
        schedule_respawn(Clock::now() + delay);
      }
    }
  }

  int shutdown() {
    // Non-blocking first, then SIGTERM: a worker woken by the signal finds accept() returning
    // EAGAIN once the queue is empty, so every queued connection is still served.
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
    for (const auto& [pid, started] : workers_) ::kill(pid, SIGTERM);
    const auto deadline = Clock::now() + kStopGrace;
    while (!workers_.empty() && Clock::now() < deadline) {
      int status = 0;
      const pid_t pid = ::waitpid(-1, &status, WNOHANG);
      if (pid > 0) {
        workers_.erase(pid);
        continue;
      }
      ::usleep(10'000);
    }
    for (const auto& [pid, started] : workers_) ::kill(pid, SIGKILL);
    if (!s_.socket.empty()) unlink_if_ours(s_.socket, fd_);
    remove_pidfile_if_ours(s_.pidfile);
    log::info("handler stopped");
    return 0;
  }

  const Settings& s_;
  const std::function<int(int)>& worker_;
  int fd_;
  bool stopping_ = false;
  int young_deaths_ = 0;
  std::map<pid_t, Clock::time_point> workers_;
  std::vector<Clock::time_point> respawn_at_;
};

}  // namespace

Settings from_env(std::string service) {
  Settings s;
  s.service = std::move(service);
  s.socket = env_or("MINITWIT_SOCKET", "");
  s.pidfile = env_or("MINITWIT_PIDFILE", "");
  s.processes = std::clamp(std::atoi(env_or("MINITWIT_PROCS", "2").c_str()), 1, 64);
  return s;
}

void install_worker_signals() {
  struct sigaction sa {};
  sa.sa_handler = on_term;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocked accept() must return EINTR
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
}

bool stop_requested() { return g_stop != 0; }

bool draining(int listen_fd) { return (::fcntl(listen_fd, F_GETFL) & O_NONBLOCK) != 0; }

int run(const Settings& settings, const std::function<int(int listen_fd)>& worker) {
  FCGX_Init();
  if (settings.socket.empty()) {
    install_worker_signals();  // started by spawn-fcgi: fd 0 is the socket, no master
    return worker(0);
  }
  const int fd = FCGX_OpenSocket(settings.socket.c_str(), kBacklog);
  if (fd < 0) {
    log::error("cannot listen on socket", {{"minitwit.socket", settings.socket}});
    return 1;
  }
  ::chmod(settings.socket.c_str(), 0660);
  sigset_t set;
  sigemptyset(&set);
  for (const int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) sigaddset(&set, sig);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  return Master(settings, worker, fd).run();
}

}  // namespace mt::prefork
