// The POSIX side of the Env: confinement to the store, atomic writes,
// listings, and what an interrupted write leaves for the sweep.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

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

TEST_CASE("a listing is in the byte order of its paths, whatever thread listed what") {
  // Names that sort differently by name alone and by path: "a-c" < "a/b"
  // since '-' < '/', "a.yaml" < "a/…", "a0" > "a/…". Files at the top and one
  // level down come between the subtrees the threads list.
  TempDir t;
  std::vector<std::string> paths = {"a-c.yaml", "a.yaml", "a0", "a/b.yaml", "a/b/c.yaml", "a/b-c/d.yaml",
                                    "a/b.d/e.yaml", "a/b0/f.yaml", "isms-obj.yaml", "units/x.yaml"};
  for (int u = 0; u < 60; ++u) {
    const std::string unit = fmt::format("units/u{}", u);
    paths.push_back(unit + "/2026/setting.yaml");
    paths.push_back(unit + "/2026/results/q1/o-1.yaml");
    paths.push_back(unit + "/2026-x.yaml");
    paths.push_back(unit + "-x/2026.yaml");
    for (int k = 0; k < u % 7 * 20; ++k) paths.push_back(fmt::format("{}/2025/results/q4/o{}.yaml", unit, k));
  }
  for (const auto& p : paths) write(t.path / p, p);
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());

  for (bool stamp : {false, true}) {
    isms::Listing l;
    REQUIRE(isms::list_store_files(t.path, &l, {}, stamp).is_ok());
    CHECK(l.files == sorted);
    if (!stamp) continue;
    REQUIRE(l.stamps.size() == l.files.size());
    for (std::size_t i = 0; i < l.files.size(); ++i) CHECK(l.stamps[i].size == l.files[i].size());  // each file holds its path
  }
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
