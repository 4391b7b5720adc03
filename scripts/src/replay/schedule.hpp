// scripts/src/replay/schedule: hands actions to worker threads in file order, so that a
// concurrent replay ends in the same state as a sequential one.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

#include "scripts/src/replay/scenario.hpp"

namespace mt::replay::schedule {

// For each action, the earlier actions it must wait for: for each username it involves, the
// latest earlier action involving that username (that one waited for the ones before it).
std::vector<std::vector<std::size_t>> dependencies(const std::vector<scenario::Action>& actions);

// Thread-safe dispatcher. Actions start in file order; an action starts only after its
// dependencies finished, and the last action only after every other one, so that the stored
// `latest` ends at its id. Keeps no reference to `actions`.
class Dispatcher {
 public:
  explicit Dispatcher(const std::vector<scenario::Action>& actions);

  // Blocks until the next action may start and returns its index; std::nullopt once every
  // action was handed out.
  std::optional<std::size_t> next();

  // Like next(), but returns std::nullopt at once when the next action may not start yet.
  std::optional<std::size_t> try_next();

  // Marks the action `index` (as returned by next()) finished.
  void finish(std::size_t index);

 private:
  bool ready() const;  // with mutex_ held: may actions_[next_] start?

  std::vector<std::vector<std::size_t>> dependencies_;
  std::vector<bool> done_;
  std::size_t next_ = 0;
  std::size_t finished_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
};

}  // namespace mt::replay::schedule
