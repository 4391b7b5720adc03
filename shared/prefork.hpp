// shared/prefork: one handler = a master process that owns the socket and keeps N workers alive.
#pragma once

#include <functional>
#include <string>

namespace mt::prefork {

struct Settings {
  std::string service;  // for log lines
  std::string socket;   // unix socket path to bind; empty: use fd 0 as passed by spawn-fcgi
  std::string pidfile;  // master pid written here once the workers run; may be empty
  int processes = 2;    // workers to keep alive
};

// Reads MINITWIT_SOCKET, MINITWIT_PIDFILE and MINITWIT_PROCS for `service`.
Settings from_env(std::string service);

// Binds the socket, forks `processes` workers that each call `worker(listen_fd)`, replaces any
// worker that dies (backing off when they die young), and on SIGTERM/SIGINT sets the socket
// non-blocking, forwards SIGTERM so the workers drain the queued connections, waits for them,
// and returns the exit code. Workers must call worker_should_exit() in their accept loop.
int run(const Settings& settings, const std::function<int(int listen_fd)>& worker);

// For a worker: installs the SIGTERM handler. Call once in the worker before its accept loop.
void install_worker_signals();

// For a worker, after FCGX_Accept_r returned (or before calling it): true when the worker has
// been told to stop and should leave now. While the whole generation drains (listen socket
// non-blocking) the worker keeps accepting until the queue is empty.
bool stop_requested();
bool draining(int listen_fd);

}  // namespace mt::prefork
