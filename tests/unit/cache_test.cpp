// Unit tests of shared/cache: the shared change counter and the per-process memo.
#include "shared/cache.hpp"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include <catch2/catch.hpp>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
using Memo = mt::cache::Memo<std::string>;

// The process's counter file (cache::open maps one file per process, once), removed at exit.
struct CounterFile {
  std::string path = "/tmp/mt-cache-test.XXXXXX";
  CounterFile() {
    const int fd = ::mkstemp(path.data());
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    mt::cache::open(path);
  }
  ~CounterFile() { ::unlink(path.c_str()); }
};

const std::string& counter_path() {
  static const CounterFile file;
  return file.path;
}

// Each test: the counter open, and a computation that numbers its runs ("answer 1", ...).
struct Fixture {
  Fixture() { counter_path(); }
  int runs = 0;
  std::string ask(Memo& memo, const std::string& key) {
    return memo.reuse_or(key, [this] { return "answer " + std::to_string(++runs); });
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "cache: a memo with max age zero never reuses", "[cache]") {
  Memo memo(8, 0ms);
  CHECK(ask(memo, "k") == "answer 1");
  CHECK(ask(memo, "k") == "answer 2");
}

TEST_CASE_METHOD(Fixture, "cache: an answer is reused until the data changes", "[cache]") {
  Memo memo(8, 10s);
  CHECK(ask(memo, "k") == "answer 1");
  CHECK(ask(memo, "k") == "answer 1");
  CHECK(ask(memo, "other") == "answer 2");
  mt::cache::changed();
  CHECK(ask(memo, "k") == "answer 3");
  CHECK(ask(memo, "k") == "answer 3");
}

TEST_CASE_METHOD(Fixture, "cache: a change announced through the file from outside counts too",
                 "[cache]") {
  Memo memo(8, 10s);
  CHECK(ask(memo, "k") == "answer 1");
  const auto before = mt::cache::version();
  mt::cache::bump_file(counter_path());
  CHECK(mt::cache::version() == *before + 1);
  CHECK(ask(memo, "k") == "answer 2");
}

TEST_CASE("cache: a write during the computation leaves its answer stale", "[cache]") {
  counter_path();
  Memo memo(8, 10s);
  int runs = 0;
  const auto racing = [&] {
    ++runs;
    mt::cache::changed();  // a writer commits while this answer's query runs
    return std::string("maybe old");
  };
  memo.reuse_or("k", racing);
  memo.reuse_or("k", racing);
  CHECK(runs == 2);
}

TEST_CASE_METHOD(Fixture, "cache: answers expire after max age", "[cache]") {
  Memo memo(8, 20ms);
  CHECK(ask(memo, "k") == "answer 1");
  CHECK(ask(memo, "k") == "answer 1");
  std::this_thread::sleep_for(30ms);
  CHECK(ask(memo, "k") == "answer 2");
}

TEST_CASE_METHOD(Fixture, "cache: a failed computation keeps nothing", "[cache]") {
  Memo memo(8, 10s);
  CHECK_THROWS_AS(memo.reuse_or("k", []() -> std::string { throw std::runtime_error("404"); }),
                  std::runtime_error);
  CHECK(ask(memo, "k") == "answer 1");
}

TEST_CASE_METHOD(Fixture, "cache: a full memo starts afresh instead of growing", "[cache]") {
  Memo memo(2, 10s);
  ask(memo, "a");
  ask(memo, "b");
  ask(memo, "c");  // full: forgets a and b
  CHECK(ask(memo, "c") == "answer 3");
  CHECK(ask(memo, "a") == "answer 4");
}

TEST_CASE("cache: opening a file that cannot be created throws", "[cache]") {
  CHECK_THROWS_AS(mt::cache::bump_file("/nonexistent-dir/changes.shm"), std::system_error);
}
