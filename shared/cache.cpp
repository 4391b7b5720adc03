// shared/cache: the shared change counter and the per-process memo of answers.
#include "shared/cache.hpp"

#include <atomic>
#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace mt::cache {
namespace {

// The file holds one 64-bit counter; a zero-filled file is a valid counter at 0.
struct Counter {
  std::uint64_t value;
};

static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free,
              "the counter must be lock-free to be shared between processes");

Counter* map_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cache: cannot open " + path);
  // Growing only: a concurrent opener never sees the file shrink under its mapping.
  if (::lseek(fd, 0, SEEK_END) < static_cast<off_t>(sizeof(Counter)) &&
      ::ftruncate(fd, sizeof(Counter)) != 0) {
    const int err = errno;
    ::close(fd);
    throw std::system_error(err, std::generic_category(), "cache: cannot size " + path);
  }
  void* p = ::mmap(nullptr, sizeof(Counter), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const int err = errno;
  ::close(fd);  // the mapping stays valid without the descriptor
  if (p == MAP_FAILED)
    throw std::system_error(err, std::generic_category(), "cache: cannot map " + path);
  return static_cast<Counter*>(p);
}

Counter* g_counter = nullptr;  // the process's mapping; workers inherit it through fork()

}  // namespace

void open(const std::string& path) {
  if (g_counter != nullptr || path.empty()) return;
  g_counter = map_file(path);
}

std::optional<std::uint64_t> version() {
  if (g_counter == nullptr) return std::nullopt;
  return std::atomic_ref<std::uint64_t>(g_counter->value).load(std::memory_order_seq_cst);
}

void changed() {
  if (g_counter == nullptr) return;
  std::atomic_ref<std::uint64_t>(g_counter->value).fetch_add(1, std::memory_order_seq_cst);
}

void bump_file(const std::string& path) {
  Counter* counter = map_file(path);
  std::atomic_ref<std::uint64_t>(counter->value).fetch_add(1, std::memory_order_seq_cst);
  ::munmap(counter, sizeof(Counter));
}

}  // namespace mt::cache
