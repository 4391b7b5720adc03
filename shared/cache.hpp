// shared/cache: answers a process may send again without asking PostgreSQL, kept correct by a
// change counter that every process on this machine shares (one mmap'd file). Every write
// transaction bumps the counter when it ends (db::Tx); so do scripts that write behind the
// handlers' back (scripts/flag, scripts/psql, the tests' SQL: the `data-changed` tool). An
// answer is sent again only while the counter still stands where it stood before the answer's
// query ran, and for at most `max_age`: that bounds what a writer on another machine (a swarm
// replica) or a hand-written UPDATE can leave stale. docs/performance.md has the reasoning.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace mt::cache {

// Maps the change counter file (created if missing). An empty path leaves the process without
// one: version() is then nullopt and nothing is ever reused. Throws std::system_error when
// the file cannot be opened or mapped.
void open(const std::string& path);

// The counter, read before a query whose answer may be reused; nullopt when not open.
std::optional<std::uint64_t> version();

// Says that the database may have changed (a write committed, or its outcome is unknown).
// Call it after the commit and before answering. No-op when not open; never throws.
void changed();

// Bumps the counter in the file at `path` once, from outside any handler (the data-changed
// tool). Throws std::system_error when the file cannot be opened or mapped.
void bump_file(const std::string& path);

// A process's answers by key (the request's parameters that shape the answer), each with the
// counter it was computed under and when. Bounded: when full, it starts afresh. Not shared:
// each process fills its own, so nothing but the counter crosses a process boundary.
template <typename Value>
class Memo {
 public:
  using Clock = std::chrono::steady_clock;
  Memo(std::size_t max_entries, Clock::duration max_age)
      : max_entries_(max_entries), max_age_(max_age) {}

  // The answer kept for `key` while the counter stands still and for at most max_age; else
  // compute()'s, kept when it returns (an exception keeps nothing). The counter is read
  // before compute() runs its queries, so a write that commits meanwhile makes the new
  // answer stale at once rather than letting an old snapshot pass for new.
  template <typename Compute>
  Value reuse_or(const std::string& key, Compute&& compute) {
    const auto before = version();
    if (before) {
      const auto it = entries_.find(key);
      if (it != entries_.end() && it->second.version == *before &&
          Clock::now() - it->second.stored < max_age_)
        return it->second.value;
    }
    Value value = compute();
    if (before && max_age_ > Clock::duration::zero() && max_entries_ > 0) {
      if (entries_.size() >= max_entries_ && entries_.find(key) == entries_.end()) entries_.clear();
      entries_.insert_or_assign(key, Entry{*before, Clock::now(), value});
    }
    return value;
  }

 private:
  struct Entry {
    std::uint64_t version;
    Clock::time_point stored;
    Value value;
  };
  std::size_t max_entries_;
  Clock::duration max_age_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace mt::cache
