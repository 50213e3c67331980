// What every Env offers on top of its own operations, on both Envs.
#include <doctest/doctest.h>

#include "isms/sys/env.h"
#include "isms/sys/mem_env.h"
#include "support.h"

using namespace test;

TEST_CASE("read_store_file reads through a fresh reader, bounded, on either Env") {
  TempDir t;
  isms::MemEnv mem;
  for (isms::Env* env : {&posix(), static_cast<isms::Env*>(&mem)}) {
    REQUIRE(env->create_directories(t.path).is_ok());
    REQUIRE(env->write_store_file(t.path, "a/b.yaml", "0123456789", false).is_ok());
    std::string bytes;
    bool truncated = false;
    REQUIRE(env->read_store_file(t.path, "a/b.yaml", 3, &bytes, &truncated).is_ok());
    CHECK(truncated);
    CHECK(bytes == "0123");
    CHECK_FALSE(env->read_store_file(t.path, "a/none.yaml", 3, &bytes, &truncated).is_ok());
    CHECK(env->read_store_file(t.path, "../b.yaml", 3, &bytes, &truncated).code() ==
          isms::Status::Code::InvalidArgument);
  }
}
