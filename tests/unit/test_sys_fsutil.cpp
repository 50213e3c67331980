// The POSIX side of the Env: confinement to the store, atomic writes,
// listings, and what an interrupted write leaves for the sweep.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "isms/sys/fsutil.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;

TEST_CASE("store-relative paths: no empty, '.' or '..' part, not absolute") {
  for (const char* ok : {"", "a", "a/b.yaml", "units/lio/2026/setting.yaml"}) CHECK_MESSAGE(isms::is_store_relative(ok), ok);
  for (const char* bad : {"/a", "a//b", "a/./b", "../a", "a/..", "a/"}) CHECK_MESSAGE(!isms::is_store_relative(bad), bad);
}

TEST_CASE("store files: confined, written atomically, never through a link") {
  TempDir t;
  REQUIRE(isms::write_store_file(t.path, "a/b.yaml", "one", /*exclusive=*/true).is_ok());
  CHECK(read_text(t.path / "a/b.yaml") == "one");
  CHECK(isms::write_store_file(t.path, "a/b.yaml", "two", /*exclusive=*/true).code() == isms::Status::Code::Conflict);
  REQUIRE(isms::write_store_file(t.path, "a/b.yaml", "two", /*exclusive=*/false).is_ok());
  CHECK(read_text(t.path / "a/b.yaml") == "two");
  CHECK(isms::write_store_file(t.path, "../x.yaml", "x", false).code() == isms::Status::Code::InvalidArgument);

  fs::create_directories(t.path / "outside");
  fs::create_symlink(t.path / "outside", t.path / "linked");
  CHECK(isms::write_store_file(t.path, "linked/x.yaml", "x", false).code() == isms::Status::Code::InvalidArgument);
  CHECK_FALSE(fs::exists(t.path / "outside/x.yaml"));
  std::string bytes;
  bool truncated = false;
  CHECK(isms::read_store_file(t.path, "linked/x.yaml", 10, &bytes, &truncated).code() ==
        isms::Status::Code::InvalidArgument);

  isms::Listing l;
  REQUIRE(isms::list_store_files(t.path, &l, {}, true).is_ok());
  CHECK(l.files == std::vector<std::string>{"a/b.yaml"});
  CHECK(l.symlinks == std::vector<std::string>{"linked"});
  CHECK(l.stamps.at(0).size == 3);
}

TEST_CASE("an interrupted write's temporary file is swept, nothing else") {
  TempDir t;
  write(t.path / "units/.setting.yaml.tmp-0123abcd", "partial");
  write(t.path / "units/setting.yaml", "kept");
  write(t.path / "units/.hidden", "kept");
  std::vector<std::string> removed;
  REQUIRE(isms::sweep_temp_files(t.path, &removed).is_ok());
  CHECK(removed == std::vector<std::string>{"units/.setting.yaml.tmp-0123abcd"});
  CHECK(fs::exists(t.path / "units/setting.yaml"));
  CHECK(fs::exists(t.path / "units/.hidden"));
}

TEST_CASE("the next write of a file removes what a killed writer of it left, and nothing of a live one") {
  // A killed validate (its cache) or report (its output) once left these
  // for good: only writers under the store's lock swept, and only the store.
  TempDir t;
  pid_t dead = ::fork();
  REQUIRE(dead >= 0);
  if (dead == 0) ::_exit(0);
  REQUIRE(::waitpid(dead, nullptr, 0) == dead);
  const std::string killed = ".out.html.tmp-" + std::to_string(dead) + "-0123abcd";
  const std::string running = ".out.html.tmp-" + std::to_string(::getpid()) + "-89abcdef";
  write(t.path / killed, "partial");
  write(t.path / running, "in progress");
  write(t.path / ".other.html.tmp-1-0123abcd", "another file's");
  REQUIRE(isms::write_file_atomic(t.path / "out.html", "whole", false).is_ok());
  CHECK_FALSE(fs::exists(t.path / killed));
  CHECK(fs::exists(t.path / running));
  CHECK(fs::exists(t.path / ".other.html.tmp-1-0123abcd"));
  CHECK(read_text(t.path / "out.html") == "whole");
}

TEST_CASE("bounded reads say when a file is larger than asked") {
  TempDir t;
  write(t.path / "f", "0123456789");
  std::string bytes;
  bool truncated = false;
  REQUIRE(isms::read_file_bounded(t.path / "f", 4, &bytes, &truncated).is_ok());
  CHECK(truncated);
  CHECK(bytes.size() == 5);
  REQUIRE(isms::read_file_bounded(t.path / "f", 10, &bytes, &truncated).is_ok());
  CHECK_FALSE(truncated);
  CHECK(bytes == "0123456789");
}
