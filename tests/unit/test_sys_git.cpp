// The store's git history, read from a real repository made here.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "isms/sys/fsutil.h"
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

TEST_CASE("changes against a base: added, modified (with the changed lines and the old content), deleted, untracked") {
  TempDir t;
  const fs::path repo = t.path / "repo";
  const fs::path store = repo / "isms";
  fs::create_directories(store);
  if (sh(repo, "git init -q -b main") != 0) {
    MESSAGE("git is not installed; skipped");
    return;
  }
  const std::string who = "git -c user.name=Lin -c user.email=lin@example.edu -c commit.gpgsign=false ";
  write(store / "a.yaml", "one\ntwo\nthree\n");
  write(store / "gone.yaml", "x\n");
  write(repo / "outside.yaml", "not the store's\n");
  write(repo / ".gitignore", "*.tmp\n");
  write(store / "units/.gitignore", "*.bak\n");  // a nested rule: check-ignore reads it from the work tree
  REQUIRE(sh(repo, "git add -A && " + who + "commit -q -m base") == 0);
  REQUIRE(sh(repo, "git checkout -q -b pr") == 0);
  write(store / "a.yaml", "one\nTWO\nthree\nfour\n");
  fs::remove(store / "gone.yaml");
  write(store / "new.yaml", "n\n");
  write(repo / "outside.yaml", "changed, but not the store's\n");
  REQUIRE(sh(repo, "git add -A && " + who + "commit -q -m change --date=2026-02-05T10:00:00") == 0);
  write(store / "untracked.yaml", "u\n");
  // Untracked, as git's ls-files --others --exclude-standard would say.
  write(store / "ignored.tmp", "ignored\n");
  write(store / "units/new dir/\u00e9.yaml", "in an untracked directory\n");
  write(store / ".isms-obj/new.json", "{}\n");
  write(store / ".isms-obj/old.tmp", "ignored\n");
  write(store / "units/new dir/draft.bak", "ignored\n");
  write(store / "units/new dir/kept.bak.yaml", "not ignored\n");
  fs::create_symlink("a.yaml", store / "link.yaml");

  // git lists the untracked files itself, or the store's listing is given
  // (the Env's way): the same answer.
  isms::ChangeSet listed;
  REQUIRE(isms::read_changes(store, "main", &listed, [&](std::vector<std::string>* visible) {
            isms::Listing l;
            if (auto s = isms::list_store_files(store, &l); !s.is_ok()) return s;
            *visible = l.files;
            visible->insert(visible->end(), l.symlinks.begin(), l.symlinks.end());
            return isms::Status::ok();
          }).is_ok());
  isms::ChangeSet c;
  REQUIRE(isms::read_changes(store, "main", &c).is_ok());
  CHECK(c.base.size() == 40);
  std::string all, all_listed;
  for (const auto& f : c.files) all += std::string(1, f.status) + " " + f.path + "\n";
  for (const auto& f : listed.files) all_listed += std::string(1, f.status) + " " + f.path + "\n";
  CHECK(all_listed == all);
  CHECK(all ==
        "A .isms-obj/new.json\n"
        "M a.yaml\n"
        "D gone.yaml\n"
        "A link.yaml\n"
        "A new.yaml\n"
        "A units/new dir/kept.bak.yaml\n"
        "A units/new dir/\u00e9.yaml\n"
        "A untracked.yaml\n");
  std::erase_if(c.files, [](const isms::FileChange& f) {
    return f.path == ".isms-obj/new.json" || f.path == "link.yaml" || f.path.rfind("units/", 0) == 0;
  });
  REQUIRE(c.files.size() == 4);
  CHECK(c.files[0].path == "a.yaml");
  CHECK(c.files[0].status == 'M');
  CHECK(c.files[0].lines == std::vector<int>{2, 4});
  CHECK(c.files[0].before == "one\ntwo\nthree\n");
  CHECK(c.files[1].path == "gone.yaml");
  CHECK(c.files[1].status == 'D');
  CHECK(c.files[1].before == "x\n");
  CHECK(c.files[2].path == "new.yaml");
  CHECK(c.files[2].status == 'A');
  CHECK(c.files[3].path == "untracked.yaml");
  CHECK(c.files[3].status == 'A');
  REQUIRE(c.commits.size() == 1);
  CHECK(c.commits[0].email == "lin@example.edu");
  CHECK(c.commits[0].changes.size() == 3);

  const isms::Status unknown = isms::read_changes(store, "no-such-branch", &c);
  CHECK(unknown.code() == isms::Status::Code::InvalidArgument);
  CHECK(unknown.message().find("fetch-depth: 0") != std::string::npos);
  CHECK(isms::read_changes(store, "--output=/tmp/x", &c).code() == isms::Status::Code::InvalidArgument);
  CHECK(isms::read_changes(t.path, "main", &c).code() == isms::Status::Code::NotFound);
}
