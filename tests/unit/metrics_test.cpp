// Unit tests of shared/metrics: one mmap'd file aggregates every process of every handler.
#include "shared/metrics.hpp"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

using mt::metrics::Store;
using std::chrono::microseconds;
using std::chrono::milliseconds;

namespace {

// A fresh metrics file path, removed when the test ends.
struct TempFile {
  std::string path;
  TempFile() {
    char tmpl[] = "/tmp/mt-metrics-test.XXXXXX";
    const int fd = ::mkstemp(tmpl);
    REQUIRE(fd >= 0);
    ::close(fd);
    path = tmpl;
  }
  ~TempFile() { ::unlink(path.c_str()); }
};

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("metrics: requests are counted by route, method and status", "[metrics]") {
  const TempFile file;
  Store store(file.path, "api_msgs");
  store.record_request("GET", 200, milliseconds(1));
  store.record_request("GET", 200, milliseconds(1));
  store.record_request("POST", 204, milliseconds(1));
  store.record_request("BREW", 404, milliseconds(1));
  const std::string text = store.render();
  CHECK(has_line(text,
                 R"(minitwit_http_requests_total{route="api_msgs",method="GET",status="200"} 2)"));
  CHECK(has_line(text,
                 R"(minitwit_http_requests_total{route="api_msgs",method="POST",status="204"} 1)"));
  CHECK(has_line(
      text, R"(minitwit_http_requests_total{route="api_msgs",method="OTHER",status="404"} 1)"));
  CHECK(text.find(R"(status="500")") == std::string::npos);  // zero series are left out
}

TEST_CASE("metrics: the histogram tells 1 ms from 10 ms from 300 ms", "[metrics]") {
  const TempFile file;
  Store store(file.path, "web_timeline");
  store.record_request("GET", 200, microseconds(900));
  store.record_request("GET", 200, milliseconds(10));
  store.record_request("GET", 200, milliseconds(300));
  store.record_request("GET", 200, milliseconds(301));
  const std::string text = store.render();
  const std::string b =
      R"(minitwit_http_request_duration_seconds_bucket{route="web_timeline",le=")";
  CHECK(has_line(text, b + R"(0.0005"} 0)"));
  CHECK(has_line(text, b + R"(0.001"} 1)"));
  CHECK(has_line(text, b + R"(0.005"} 1)"));
  CHECK(has_line(text, b + R"(0.01"} 2)"));
  CHECK(has_line(text, b + R"(0.2"} 2)"));
  CHECK(has_line(text, b + R"(0.3"} 3)"));
  CHECK(has_line(text, b + R"(+Inf"} 4)"));
  CHECK(has_line(text, R"(minitwit_http_request_duration_seconds_count{route="web_timeline"} 4)"));
  CHECK(
      has_line(text, R"(minitwit_http_request_duration_seconds_sum{route="web_timeline"} 0.6119)"));
}

TEST_CASE("metrics: counts survive a restart and add up across handlers", "[metrics]") {
  const TempFile file;
  {
    Store first(file.path, "api_fllws");
    first.record_request("GET", 200, milliseconds(2));
    first.count_db_error(mt::metrics::DbError::kUnreachable);
  }
  Store again(file.path, "api_fllws");  // the same handler restarted: same slot
  Store other(file.path, "health");
  again.record_request("GET", 200, milliseconds(2));
  other.record_request("GET", 503, milliseconds(2));
  other.count_db_error(mt::metrics::DbError::kQuery);
  const std::string text = other.render();
  CHECK(has_line(text,
                 R"(minitwit_http_requests_total{route="api_fllws",method="GET",status="200"} 2)"));
  CHECK(has_line(text,
                 R"(minitwit_http_requests_total{route="health",method="GET",status="503"} 1)"));
  CHECK(has_line(text, R"(minitwit_db_errors_total{route="api_fllws",kind="unreachable"} 1)"));
  CHECK(has_line(text, R"(minitwit_db_errors_total{route="health",kind="query"} 1)"));
  CHECK(has_line(text, R"(minitwit_db_errors_total{route="health",kind="unreachable"} 0)"));
}

TEST_CASE("metrics: counts from a forked process reach the parent", "[metrics]") {
  const TempFile file;
  Store store(file.path, "api_register");
  store.count_process(mt::metrics::Process::kMasterStart);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    Store child(file.path, "api_register");  // a worker mapping the file on its own
    for (int i = 0; i < 1000; ++i) child.record_request("POST", 204, milliseconds(3));
    child.count_process(mt::metrics::Process::kWorkerStart);
    std::_Exit(0);
  }
  for (int i = 0; i < 1000; ++i) store.record_request("POST", 204, milliseconds(3));
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  const std::string text = store.render();
  CHECK(has_line(
      text,
      R"(minitwit_http_requests_total{route="api_register",method="POST",status="204"} 2000)"));
  CHECK(
      has_line(text, R"(minitwit_process_starts_total{route="api_register",process="master"} 1)"));
  CHECK(
      has_line(text, R"(minitwit_process_starts_total{route="api_register",process="worker"} 1)"));
  CHECK(has_line(text, R"(minitwit_worker_deaths_total{route="api_register"} 0)"));
}

TEST_CASE("metrics: a handler name that does not fit is refused", "[metrics]") {
  const TempFile file;
  CHECK_THROWS_AS(Store(file.path, ""), std::length_error);
  CHECK_THROWS_AS(Store(file.path, std::string(48, 'x')), std::length_error);
  CHECK_THROWS_AS(Store("/nonexistent-dir/metrics.shm", "x"), std::system_error);
}

TEST_CASE("metrics: a gauge renders HELP, TYPE and one sample", "[metrics]") {
  CHECK(mt::metrics::render_gauge("minitwit_users", "Users.", 42) ==
        "# HELP minitwit_users Users.\n# TYPE minitwit_users gauge\nminitwit_users 42\n");
}

TEST_CASE("metrics: without open() recording is a no-op", "[metrics]") {
  mt::metrics::record_request("GET", 200, milliseconds(1));
  mt::metrics::count_db_error(mt::metrics::DbError::kQuery);
  CHECK(mt::metrics::render().empty());
}
