// scripts/src/replay/schedule: hands actions to worker threads in file order, so that a
// concurrent replay ends in the same state as a sequential one.
#include "scripts/src/replay/schedule.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

namespace mt::replay::schedule {

std::vector<std::vector<std::size_t>> dependencies(const std::vector<scenario::Action>& actions) {
  std::vector<std::vector<std::size_t>> result(actions.size());
  std::unordered_map<std::string_view, std::size_t> last;  // views into `actions`
  for (std::size_t i = 0; i < actions.size(); ++i) {
    for (const std::string_view name : scenario::usernames(actions[i])) {
      const auto it = last.find(name);
      auto& deps = result[i];
      // A self-follow names one user twice: don't wait for ourselves or twice for one action.
      if (it != last.end() && it->second != i && (deps.empty() || deps.back() != it->second)) {
        deps.push_back(it->second);
      }
      last[name] = i;
    }
  }
  return result;
}

Dispatcher::Dispatcher(const std::vector<scenario::Action>& actions)
    : dependencies_(dependencies(actions)), done_(actions.size(), false) {}

bool Dispatcher::ready() const {
  if (next_ >= done_.size()) return true;  // the caller learns that nothing is left
  if (next_ + 1 == done_.size() && finished_ < next_) return false;
  for (const std::size_t dep : dependencies_[next_]) {
    if (!done_[dep]) return false;
  }
  return true;
}

std::optional<std::size_t> Dispatcher::next() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return ready(); });
  if (next_ >= done_.size()) return std::nullopt;
  return next_++;
}

std::optional<std::size_t> Dispatcher::try_next() {
  const std::lock_guard lock(mutex_);
  if (next_ >= done_.size() || !ready()) return std::nullopt;
  return next_++;
}

void Dispatcher::finish(std::size_t index) {
  {
    const std::lock_guard lock(mutex_);
    done_[index] = true;
    ++finished_;
  }
  changed_.notify_all();
}

}  // namespace mt::replay::schedule
