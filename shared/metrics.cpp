// shared/metrics: request, latency, database-error and process counters shared by every process
// of every handler through ONE mmap'd file, rendered in the Prometheus text format.
#include "shared/metrics.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mt::metrics {

namespace {

constexpr std::array<std::string_view, 8> kMethods = {"GET",    "HEAD",  "POST",    "PUT",
                                                      "DELETE", "PATCH", "OPTIONS", "OTHER"};
constexpr int kStatusMin = 100;
constexpr int kStatuses = 500;  // 100..599; anything else counts as 599
constexpr std::size_t kBuckets = std::size(kBucketBounds) + 1;
constexpr std::size_t kNameMax = 48;
constexpr std::array<std::string_view, 2> kDbErrorKinds = {"unreachable", "query"};
constexpr std::uint64_t kMagic = 0x4d54'4d45'5452'4901;  // "MTMETRI" + layout version 1

}  // namespace

// The file's layout: plain integers only, so a zero-filled file is a valid empty store and
// every process (of any build with the same layout) agrees on it. Changed layout: new kMagic.
struct Slot {
  std::array<char, kNameMax> name;  // NUL-terminated handler name; written once, under flock
  std::array<std::array<std::uint64_t, static_cast<std::size_t>(kStatuses)>, kMethods.size()>
      requests;
  std::array<std::uint64_t, kBuckets> buckets;  // not cumulative; made cumulative when rendered
  std::uint64_t duration_ns;
  std::array<std::uint64_t, kDbErrorKinds.size()> db_errors;
  std::array<std::uint64_t, 3> processes;  // indexed by Process
};

struct Shm {
  std::uint64_t magic;
  std::uint64_t size;
  std::uint64_t used;  // slots [0, used) carry a name; published with release order
  std::array<Slot, kMaxRoutes> slots;
};

namespace {

static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free,
              "counters must be lock-free to be shared between processes");

void add(std::uint64_t& counter, std::uint64_t n = 1) {
  std::atomic_ref<std::uint64_t>(counter).fetch_add(n, std::memory_order_relaxed);
}

std::uint64_t load(std::uint64_t& counter) {
  return std::atomic_ref<std::uint64_t>(counter).load(std::memory_order_relaxed);
}

std::size_t method_index(std::string_view method) {
  const auto it = std::find(kMethods.begin(), kMethods.end() - 1, method);
  return static_cast<std::size_t>(it - kMethods.begin());
}

std::size_t status_index(int status) {
  if (status < kStatusMin || status >= kStatusMin + kStatuses) return kStatuses - 1;
  return static_cast<std::size_t>(status - kStatusMin);
}

std::size_t bucket_index(std::chrono::nanoseconds took) {
  const double seconds = std::chrono::duration<double>(took).count();
  const auto it = std::lower_bound(std::begin(kBucketBounds), std::end(kBucketBounds), seconds);
  return static_cast<std::size_t>(it - std::begin(kBucketBounds));
}

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Unlocks and closes the descriptor however the constructor leaves. The explicit unlock
// matters: the mapping keeps the open file description, and with it the flock, alive.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd < 0) return;
    ::flock(fd, LOCK_UN);
    ::close(fd);
  }
};

std::string escape_label(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void render_slot_requests(Slot& slot, const std::string& route, std::string& out) {
  for (std::size_t m = 0; m < kMethods.size(); ++m) {
    for (int s = 0; s < kStatuses; ++s) {
      const std::uint64_t n = load(slot.requests[m][static_cast<std::size_t>(s)]);
      if (n == 0) continue;
      out += fmt::format(
          "minitwit_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route,
          kMethods[m], s + kStatusMin, n);
    }
  }
}

void render_slot_histogram(Slot& slot, const std::string& route, std::string& out) {
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    cumulative += load(slot.buckets[b]);
    const std::string le =
        b < std::size(kBucketBounds) ? fmt::format("{}", kBucketBounds[b]) : "+Inf";
    out +=
        fmt::format("minitwit_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                    route, le, cumulative);
  }
  out += fmt::format("minitwit_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                     static_cast<double>(load(slot.duration_ns)) / 1e9);
  out += fmt::format("minitwit_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                     cumulative);
}

std::unique_ptr<Store> g_store;  // the process-wide store; workers inherit it through fork()

}  // namespace

Store::Store(const std::string& path, std::string_view service) {
  if (service.empty() || service.size() >= kNameMax)
    throw std::length_error("metrics: handler name must have 1 to 47 bytes");
  const FdGuard file{::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640)};
  if (file.fd < 0) fail("metrics: cannot open " + path);
  if (::flock(file.fd, LOCK_EX) != 0) fail("metrics: cannot lock " + path);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) fail("metrics: cannot stat " + path);
  const bool zeroed = static_cast<std::size_t>(st.st_size) != sizeof(Shm);
  if (zeroed) {
    // New file or another layout: start from zeroes (a layout change needs a full restart).
    if (::ftruncate(file.fd, 0) != 0 || ::ftruncate(file.fd, sizeof(Shm)) != 0)
      fail("metrics: cannot size " + path);
  }
  void* p = ::mmap(nullptr, sizeof(Shm), PROT_READ | PROT_WRITE, MAP_SHARED, file.fd, 0);
  if (p == MAP_FAILED) fail("metrics: cannot map " + path);
  shm_ = static_cast<Shm*>(p);
  if (shm_->magic != kMagic) {
    // A file just sized is all zeroes already: writing them again would make this process
    // touch (and count in its RSS) every page of the 2 MiB file.
    if (!zeroed) std::memset(static_cast<void*>(shm_), 0, sizeof(Shm));
    shm_->size = sizeof(Shm);
    shm_->magic = kMagic;
  }
  const std::size_t used = shm_->used;
  for (slot_ = 0; slot_ < used; ++slot_) {
    if (std::string_view(shm_->slots[slot_].name.data()) == service) return;
  }
  if (used == kMaxRoutes) {
    ::munmap(shm_, sizeof(Shm));
    throw std::length_error("metrics: all handler slots are taken");
  }
  std::memcpy(shm_->slots[slot_].name.data(), service.data(), service.size());
  std::atomic_ref<std::uint64_t>(shm_->used).store(used + 1, std::memory_order_release);
}

Store::~Store() { ::munmap(shm_, sizeof(Shm)); }

void Store::record_request(std::string_view method, int status, std::chrono::nanoseconds took) {
  Slot& slot = shm_->slots[slot_];
  add(slot.requests[method_index(method)][status_index(status)]);
  add(slot.buckets[bucket_index(took)]);
  add(slot.duration_ns, static_cast<std::uint64_t>(std::max<std::int64_t>(0, took.count())));
}

void Store::count_db_error(DbError kind) {
  add(shm_->slots[slot_].db_errors[static_cast<std::size_t>(kind)]);
}

void Store::count_process(Process event) {
  add(shm_->slots[slot_].processes[static_cast<std::size_t>(event)]);
}

std::string Store::render() const {
  const std::size_t used =
      std::atomic_ref<std::uint64_t>(shm_->used).load(std::memory_order_acquire);
  std::string out;
  out += "# HELP minitwit_http_requests_total HTTP requests answered by the handlers.\n";
  out += "# TYPE minitwit_http_requests_total counter\n";
  for (std::size_t i = 0; i < used; ++i) {
    render_slot_requests(shm_->slots[i], escape_label(shm_->slots[i].name.data()), out);
  }
  out +=
      "# HELP minitwit_http_request_duration_seconds Time from accept to response, per handler.\n";
  out += "# TYPE minitwit_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < used; ++i) {
    render_slot_histogram(shm_->slots[i], escape_label(shm_->slots[i].name.data()), out);
  }
  out += "# HELP minitwit_db_errors_total Requests that failed on PostgreSQL, by kind.\n";
  out += "# TYPE minitwit_db_errors_total counter\n";
  for (std::size_t i = 0; i < used; ++i) {
    const std::string route = escape_label(shm_->slots[i].name.data());
    for (std::size_t k = 0; k < kDbErrorKinds.size(); ++k) {
      out += fmt::format("minitwit_db_errors_total{{route=\"{}\",kind=\"{}\"}} {}\n", route,
                         kDbErrorKinds[k], load(shm_->slots[i].db_errors[k]));
    }
  }
  out += "# HELP minitwit_process_starts_total Handler processes started (master and workers).\n";
  out += "# TYPE minitwit_process_starts_total counter\n";
  for (std::size_t i = 0; i < used; ++i) {
    Slot& slot = shm_->slots[i];
    const std::string route = escape_label(slot.name.data());
    out += fmt::format("minitwit_process_starts_total{{route=\"{}\",process=\"master\"}} {}\n",
                       route, load(slot.processes[static_cast<int>(Process::kMasterStart)]));
    out += fmt::format("minitwit_process_starts_total{{route=\"{}\",process=\"worker\"}} {}\n",
                       route, load(slot.processes[static_cast<int>(Process::kWorkerStart)]));
  }
  out += "# HELP minitwit_worker_deaths_total Worker processes that died and were replaced.\n";
  out += "# TYPE minitwit_worker_deaths_total counter\n";
  for (std::size_t i = 0; i < used; ++i) {
    out += fmt::format("minitwit_worker_deaths_total{{route=\"{}\"}} {}\n",
                       escape_label(shm_->slots[i].name.data()),
                       load(shm_->slots[i].processes[static_cast<int>(Process::kWorkerDeath)]));
  }
  return out;
}

void open(const std::string& path, std::string_view service) {
  if (path.empty()) return;
  g_store = std::make_unique<Store>(path, service);
  g_store->count_process(Process::kMasterStart);
}

void record_request(std::string_view method, int status, std::chrono::nanoseconds took) {
  if (g_store) g_store->record_request(method, status, took);
}

void count_db_error(DbError kind) {
  if (g_store) g_store->count_db_error(kind);
}

void count_process(Process event) {
  if (g_store) g_store->count_process(event);
}

std::string render() { return g_store ? g_store->render() : std::string(); }

std::string render_gauge(std::string_view name, std::string_view help, double value) {
  return fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", name, help, value);
}

}  // namespace mt::metrics
