#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/format/csv.h"
#include "isms/ops/set.h"
#include "isms/store/emit.h"
#include "isms/store/store.h"
#include "isms/sys/lock.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace test;

TEST_CASE("the store lock: one holder, waiters name it, unclean exits are noticed") {
  const fs::path dir = scratch_dir();
  isms::StoreLock first;
  REQUIRE(isms::StoreLock::acquire(dir, 1000ms, "pid 1 (isms-obj set)", &first).is_ok());
  CHECK(first.previous_holder().empty());

  isms::StoreLock second;
  const auto s = isms::StoreLock::acquire(dir, 50ms, "pid 2 (isms-obj approve)", &second);
  CHECK(s.code() == isms::Status::Code::Conflict);
  CHECK(s.message().find("pid 1 (isms-obj set)") != std::string::npos);
  CHECK_FALSE(second.held());

  first.release();
  REQUIRE(isms::StoreLock::acquire(dir, 50ms, "pid 2 (isms-obj approve)", &second).is_ok());
  CHECK(second.previous_holder().empty());  // released cleanly

  // A holder that dies leaves its line behind (the kernel drops the lock itself).
  second.release();
  std::ofstream(dir / ".isms-obj" / "lock") << "pid 3 (isms-obj record-quarter)\n";
  isms::StoreLock third;
  REQUIRE(isms::StoreLock::acquire(dir, 50ms, "pid 4", &third).is_ok());
  CHECK(third.previous_holder() == "pid 3 (isms-obj record-quarter)");
  third.release();
  fs::remove_all(dir);
}
