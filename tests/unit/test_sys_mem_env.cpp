// The in-memory Env keeps the contract of env.h that the POSIX one keeps,
// so that what the write operations are tested on is what they run on.
#include <doctest/doctest.h>

#include <string>

#include "isms/sys/mem_env.h"

using namespace std::chrono_literals;

TEST_CASE("MemEnv: listings are sorted, skip hidden entries and honour descend") {
  isms::MemEnv env;
  env.put("/s/isms-obj.yaml", "a");
  env.put("/s/units/lio/2026/setting.yaml", "b");
  env.put("/s/units/cc/2026/setting.yaml", "c");
  env.put("/s/.isms-obj/cache/validate", "d");
  env.put("/s/units/.hidden.yaml", "e");
  isms::Listing l;
  REQUIRE(env.list_store_files("/s", &l, {}, true).is_ok());
  CHECK(l.files == std::vector<std::string>{"isms-obj.yaml", "units/cc/2026/setting.yaml", "units/lio/2026/setting.yaml"});
  CHECK(l.stamps.size() == 3);
  REQUIRE(env.list_store_files("/s", &l, [](std::string_view d) { return d != "units/cc"; }, false).is_ok());
  CHECK(l.files == std::vector<std::string>{"isms-obj.yaml", "units/lio/2026/setting.yaml"});
  CHECK(env.list_store_files("/nowhere", &l, {}, false).code() == isms::Status::Code::IoError);
  CHECK(env.subdirectories("/s/units") == std::vector<std::string>{"cc", "lio"});
}

TEST_CASE("MemEnv: confined paths, exclusive writes, stamps that change with content") {
  isms::MemEnv env;
  REQUIRE(env.create_directories("/s").is_ok());
  CHECK(env.write_store_file("/s", "../x.yaml", "x", false, true).code() == isms::Status::Code::InvalidArgument);
  CHECK(env.write_store_file("/s", "/x.yaml", "x", false, true).code() == isms::Status::Code::InvalidArgument);
  REQUIRE(env.write_store_file("/s", "a/b.yaml", "one", true, true).is_ok());
  CHECK(env.write_store_file("/s", "a/b.yaml", "two", true, true).code() == isms::Status::Code::Conflict);
  CHECK(env.store_path_exists("/s", "a"));
  isms::FileStamp first, second;
  auto reader = env.new_reader("/s");
  REQUIRE(reader->stamp("a/b.yaml", &first).is_ok());
  REQUIRE(env.write_store_file("/s", "a/b.yaml", "two", false, true).is_ok());
  REQUIRE(reader->stamp("a/b.yaml", &second).is_ok());
  CHECK_FALSE(first == second);
  std::string bytes;
  bool truncated = false;
  REQUIRE(reader->read("a/b.yaml", 2, &bytes, &truncated).is_ok());
  CHECK(truncated);
  CHECK(bytes == "two");  // max + 1 bytes, so the caller can tell
  std::uint64_t now = 0;
  REQUIRE(env.file_time_now("/s", &now).is_ok());
  CHECK(now >= second.mtime_ns);
}

TEST_CASE("MemEnv: a crash stops the n-th write before it takes effect and leaves the lock's line") {
  isms::MemEnv env;
  REQUIRE(env.create_directories("/s").is_ok());
  {
    std::unique_ptr<isms::StoreLockHandle> lock;
    REQUIRE(env.lock_store("/s", 10ms, "pid 7 (test)", &lock).is_ok());
    std::unique_ptr<isms::StoreLockHandle> other;
    const isms::Status busy = env.lock_store("/s", 10ms, "pid 8", &other);
    CHECK(busy.code() == isms::Status::Code::Conflict);
    CHECK(busy.message().find("pid 7 (test)") != std::string::npos);
    env.crash_at_write(2);
    REQUIRE(env.write_store_file("/s", "one.yaml", "1", true, true).is_ok());
    CHECK_THROWS_AS(env.write_store_file("/s", "two.yaml", "2", true, true), isms::MemEnv::Crash);
  }
  CHECK(env.get("/s/one.yaml") == std::optional<std::string>("1"));
  CHECK_FALSE(env.get("/s/two.yaml"));
  std::unique_ptr<isms::StoreLockHandle> next;
  REQUIRE(env.lock_store("/s", 10ms, "pid 9", &next).is_ok());
  CHECK(next->previous_holder() == "pid 7 (test)");
  next.reset();
  REQUIRE(env.lock_store("/s", 10ms, "pid 10", &next).is_ok());
  CHECK(next->previous_holder().empty());  // pid 9 released cleanly
}
