// shared/metrics: request, latency, database-error and process counters shared by every process
// of every handler through ONE mmap'd file, rendered in the Prometheus text format.
//
// Why a file: every route is its own set of processes that restart and get swapped; a
// per-process registry would lose its counts on every restart. All processes map the same
// file (MAP_SHARED) and add with relaxed atomics, so totals are monotonic across restarts.
// Each handler name gets one fixed-size slot (claimed once under flock) keyed by
// config.service; the route label is that name.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mt::metrics {

enum class DbError { kUnreachable, kQuery };  // broken connection vs bad statement
enum class Process { kMasterStart, kWorkerStart, kWorkerDeath };  // kWorkerDeath: died, replaced

// Upper bounds (seconds) of the latency histogram buckets; +Inf follows the last one.
inline constexpr std::array<double, 14> kBucketBounds = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5};
inline constexpr std::size_t kMaxRoutes = 64;  // handler slots in the file

struct Shm;

// One mapping of the metrics file with the slot of one handler. Not copyable.
class Store {
 public:
  // Maps `path` (created and sized if needed) and claims or finds the slot named `service`.
  // Throws std::system_error when the file cannot be opened or mapped, std::length_error when
  // all kMaxRoutes slots are taken or the name is longer than 47 bytes.
  Store(const std::string& path, std::string_view service);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  void record_request(std::string_view method, int status, std::chrono::nanoseconds took);
  void count_db_error(DbError kind);
  void count_process(Process event);

  // Every slot of the file (all handlers) in the Prometheus text exposition format.
  std::string render() const;

 private:
  Shm* shm_ = nullptr;
  std::size_t slot_ = 0;
};

// Process-wide store used by fcgi::serve and prefork (forked workers inherit the mapping).
// An empty path disables metrics (the recording calls below are then no-ops). Counts one
// kMasterStart. Throws as Store does.
void open(const std::string& path, std::string_view service);

// Recording into the process-wide store; no-ops when open() was not called. Never throw.
void record_request(std::string_view method, int status, std::chrono::nanoseconds took);
void count_db_error(DbError kind);
void count_process(Process event);

// The process-wide store rendered (every handler's counters); "" when metrics are disabled.
std::string render();

// One gauge in the text format: HELP, TYPE and a single unlabelled sample.
std::string render_gauge(std::string_view name, std::string_view help, double value);

}  // namespace mt::metrics
