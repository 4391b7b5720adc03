// Unit tests of shared/cache: the shared change counter and the per-process memo.
#include "shared/cache.hpp"

#include <chrono>
#include <cstdlib>
#include <functional>
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

// Counts how often the memo had to compute.
struct Computer {
  int runs = 0;
  std::string operator()() { return "answer " + std::to_string(++runs); }
};

}  // namespace

TEST_CASE("cache: a memo with max age zero never reuses", "[cache]") {
  counter_path();
  Memo memo(8, 0ms);
  Computer c;
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 1");
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 2");
}

TEST_CASE("cache: an answer is reused until the data changes", "[cache]") {
  counter_path();
  Memo memo(8, 10s);
  Computer c;
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 1");
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 1");
  CHECK(memo.reuse_or("other", std::ref(c)) == "answer 2");
  mt::cache::changed();
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 3");
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 3");
}

TEST_CASE("cache: a change announced through the file from outside counts too", "[cache]") {
  counter_path();
  Memo memo(8, 10s);
  Computer c;
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 1");
  const auto before = mt::cache::version();
  mt::cache::bump_file(counter_path());
  CHECK(mt::cache::version() == *before + 1);
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 2");
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

TEST_CASE("cache: answers expire after max age", "[cache]") {
  counter_path();
  Memo memo(8, 20ms);
  Computer c;
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 1");
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 1");
  std::this_thread::sleep_for(30ms);
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 2");
}

TEST_CASE("cache: a failed computation keeps nothing", "[cache]") {
  counter_path();
  Memo memo(8, 10s);
  CHECK_THROWS_AS(memo.reuse_or("k", []() -> std::string { throw std::runtime_error("404"); }),
                  std::runtime_error);
  Computer c;
  CHECK(memo.reuse_or("k", std::ref(c)) == "answer 1");
}

TEST_CASE("cache: a full memo starts afresh instead of growing", "[cache]") {
  counter_path();
  Memo memo(2, 10s);
  Computer c;
  memo.reuse_or("a", std::ref(c));
  memo.reuse_or("b", std::ref(c));
  memo.reuse_or("c", std::ref(c));  // full: forgets a and b
  CHECK(memo.reuse_or("c", std::ref(c)) == "answer 3");
  CHECK(memo.reuse_or("a", std::ref(c)) == "answer 4");
}

TEST_CASE("cache: opening a file that cannot be created throws", "[cache]") {
  CHECK_THROWS_AS(mt::cache::bump_file("/nonexistent-dir/changes.shm"), std::system_error);
}
