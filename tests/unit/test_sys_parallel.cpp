#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "isms/sys/parallel.h"

TEST_CASE("worker counts: at least one, at most eight, each with enough items") {
  CHECK(isms::worker_count(0, 64) == 1);
  CHECK(isms::worker_count(63, 64) == 1);
  CHECK(isms::worker_count(1000000, 1) <= 8);
  CHECK(isms::worker_count(1000000, 1) >= 1);
}

TEST_CASE("every worker runs once, and the first worker's exception reaches the caller") {
  std::vector<std::atomic<int>> ran(4);
  isms::run_workers(4, [&](std::size_t w) { ++ran[w]; });
  for (const auto& r : ran) CHECK(r == 1);
  CHECK_THROWS_WITH_AS(isms::run_workers(3,
                                         [](std::size_t w) {
                                           if (w > 0) throw std::runtime_error("worker " + std::to_string(w));
                                         }),
                       "worker 1", std::runtime_error);
}
