// The store's git history, read from a real repository made here.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "isms/sys/git.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;

namespace {

int sh(const fs::path& dir, const std::string& command) {
  const std::string line = "cd '" + dir.string() +
                           "' && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null " + command + " >/dev/null 2>&1";
  return std::system(line.c_str());
}

}  // namespace

TEST_CASE("history lists the store's commits, oldest first, with store-relative paths") {
  TempDir t;
  const fs::path repo = t.path / "repo";
  const fs::path store = repo / "isms";
  fs::create_directories(store);
  if (sh(repo, "git init -q") != 0) {
    MESSAGE("git is not installed; skipped");
    return;
  }
  const std::string who = "git -c user.name=Lin -c user.email=lin@example.edu -c commit.gpgsign=false ";
  write(store / "units/lio/2026/setting.yaml", "a\n");
  write(repo / "README", "not the store's\n");
  REQUIRE(sh(repo, "git add -A && " + who + "commit -q -m one --date=2026-01-05T10:00:00") == 0);
  fs::remove(store / "units/lio/2026/setting.yaml");
  REQUIRE(sh(repo, "git add -A && " + who + "commit -q -m two --date=2026-02-05T10:00:00") == 0);

  std::vector<isms::Commit> commits;
  REQUIRE(isms::read_history(store, &commits).is_ok());
  REQUIRE(commits.size() == 2);
  CHECK(commits[0].email == "lin@example.edu");
  REQUIRE(commits[0].changes.size() == 1);
  CHECK(commits[0].changes[0].status == 'A');
  CHECK(commits[0].changes[0].path == "units/lio/2026/setting.yaml");
  CHECK(commits[1].changes.at(0).status == 'D');
  CHECK(commits[0].date == isms::Date{2026, 1, 5});
  REQUIRE(sh(repo, "git config user.email secretary@example.edu") == 0);
  CHECK(isms::git_user_email(store) == "secretary@example.edu");
}
