// The POSIX Env keeps the contract of sys/env.h (the in-memory one is held
// to the same in test_sys_mem_env.cpp).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "isms/sys/env.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;
using namespace std::chrono_literals;

TEST_CASE("POSIX Env: files, directories and the file system's clock") {
  TempDir t;
  isms::Env& env = posix();
  REQUIRE(env.create_directories(t.path / "s/units/lio").is_ok());
  CHECK(env.is_directory(t.path / "s/units"));
  CHECK(env.subdirectories(t.path / "s/units") == std::vector<std::string>{"lio"});
  REQUIRE(env.write_store_file(t.path / "s", "isms-obj.yaml", "x: 1\n", true).is_ok());
  CHECK(env.is_regular_file(t.path / "s/isms-obj.yaml"));
  CHECK(env.store_path_exists(t.path / "s", "units"));
  CHECK_FALSE(env.store_path_exists(t.path / "s", "approvals"));
  isms::FileStamp stamp;
  REQUIRE(env.new_reader(t.path / "s")->stamp("isms-obj.yaml", &stamp).is_ok());
  std::uint64_t now = 0;
  REQUIRE(env.file_time_now(t.path / "s", &now).is_ok());
  CHECK(now + 1000000000u >= stamp.mtime_ns);  // a coarse file clock is at most a tick behind
  REQUIRE(env.write_file(t.path / "out/report.txt", "r", false).is_ok());
  std::string bytes;
  bool truncated = false;
  REQUIRE(env.read_file(t.path / "out/report.txt", 10, &bytes, &truncated).is_ok());
  CHECK(bytes == "r");
  REQUIRE(env.remove_file(t.path / "out/report.txt").is_ok());
  CHECK_FALSE(fs::exists(t.path / "out/report.txt"));
  CHECK(env.remove_file(t.path / "out/report.txt").is_ok());  // nothing to remove is fine
}

TEST_CASE("POSIX Env: the lock is held by one, and a holder that leaves its line is noticed") {
  TempDir t;
  isms::Env& env = posix();
  std::unique_ptr<isms::StoreLockHandle> first, second;
  REQUIRE(env.lock_store(t.path, 100ms, "pid 1", &first).is_ok());
  CHECK(env.lock_store(t.path, 20ms, "pid 2", &second).code() == isms::Status::Code::Conflict);
  first.reset();
  REQUIRE(env.lock_store(t.path, 100ms, "pid 2", &second).is_ok());
  CHECK(second->previous_holder().empty());
}

TEST_CASE("POSIX Env: outside a git work tree there is no history") {
  TempDir t;
  std::vector<isms::Commit> commits;
  CHECK(posix().git_history(t.path, &commits).code() == isms::Status::Code::NotFound);
}
