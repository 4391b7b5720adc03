// Unit tests of scripts/src/replay/schedule (ordering of a concurrent replay).
#include <catch2/catch.hpp>

#include "scripts/src/replay/schedule.hpp"

using mt::replay::schedule::Dispatcher;
using mt::scenario::Command;

namespace {

mt::scenario::Action action(Command command, std::string user, std::string other = "") {
  mt::scenario::Action a;
  a.command = command;
  a.username = std::move(user);
  if (command == Command::kFollow || command == Command::kUnfollow) a.args = {std::move(other)};
  if (command == Command::kTweet) a.args = {"text"};
  return a;
}

using Deps = std::vector<std::vector<std::size_t>>;

}  // namespace

TEST_CASE("replay schedule: an action waits for the last earlier one on each user", "[replay]") {
  const std::vector<mt::scenario::Action> actions{
      action(Command::kRegister, "a"),       // 0
      action(Command::kRegister, "b"),       // 1
      action(Command::kTweet, "a"),          // 2: after 0
      action(Command::kFollow, "a", "b"),    // 3: after 2 (a) and 1 (b)
      action(Command::kTweet, "c"),          // 4: nothing
      action(Command::kUnfollow, "a", "b"),  // 5: after 3 (both users)
      action(Command::kFollow, "c", "c"),    // 6: self-follow waits for 4 once, not for itself
  };
  CHECK(mt::replay::schedule::dependencies(actions) == Deps{{}, {}, {0}, {2, 1}, {}, {3}, {4}});
}

TEST_CASE("replay schedule: dispatch is in file order and blocks on unfinished users", "[replay]") {
  const std::vector<mt::scenario::Action> actions{
      action(Command::kRegister, "a"), action(Command::kRegister, "b"),
      action(Command::kTweet, "a"), action(Command::kTweet, "b")};
  Dispatcher d(actions);
  CHECK(d.try_next() == 0U);
  CHECK(d.try_next() == 1U);
  CHECK_FALSE(d.try_next());  // 2 needs 0
  d.finish(1);
  CHECK_FALSE(d.try_next());  // file order: 3 may not overtake 2
  d.finish(0);
  CHECK(d.try_next() == 2U);
  CHECK_FALSE(d.try_next());  // the last action waits for every other one
  d.finish(2);
  CHECK(d.next() == 3U);
  d.finish(3);
  CHECK_FALSE(d.next());
}
