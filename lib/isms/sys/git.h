// The git history of a store's records, read by running git (no shell).
// Paths are store-relative even when the store is a folder of a larger
// repository: only the store's own paths are looked at.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "isms/base/date.h"
#include "isms/base/status.h"

namespace isms {

struct Change {
  char status = 'M';  // A added, M modified, D deleted
  std::string path;   // store-relative
};

struct Commit {
  std::string hash;
  std::string author, email;
  std::optional<Date> date;  // author date
  std::vector<Change> changes;
};

// Commits that touched the store, oldest first. NotFound when `root` is not
// inside a git work tree (or git is not installed): history checks are then
// skipped with a notice.
Status read_history(const std::filesystem::path& root, std::vector<Commit>* out);

// What a change (a pull request) does to the store, against the commit it
// started from: each record file added, modified or deleted, where the
// modified ones changed (lines of the new version), their content before,
// and the commits the change adds. The change is the working tree against
// the merge base of `ref` and HEAD, so a check before committing sees it
// too; untracked files (not ignored) count as added.
struct FileChange {
  char status = 'M';            // A added, M modified, D deleted
  std::string path;             // store-relative
  std::vector<int> lines;       // M: the first line of each changed hunk in the new version (1-based)
  // M: each hunk's lines in the new version, (first, count); a count of 0
  // is a deletion after line `first`.
  std::vector<std::pair<int, int>> hunks;
  std::string before;           // M and D: the content at the merge base
};

struct ChangeSet {
  std::string ref;               // as given
  std::string base;              // the merge base (full hash)
  std::vector<FileChange> files; // sorted by path
  std::vector<Commit> commits;   // merge base..HEAD, oldest first
};

// NotFound outside a git work tree; InvalidArgument when `ref` is not a
// commit here or shares no history with HEAD (a shallow clone: the message
// says to fetch it).
//
// Untracked files count as added. git's own answer (ls-files --others)
// walks the whole work tree in one thread, checking every name against the
// ignore rules: 0.7 s on a store of 400,000 files. Given `list_visible`
// (every file and symbolic link below `root` whose path has no hidden
// component, as the Env lists a store), read_changes takes those not in
// the index and asks the ignore rules about them alone, and git answers
// for the hidden top-level entries (.isms-obj, .gitignore, ...). Untracked
// hidden names further down (units/x/.DS_Store) are then not reported:
// nothing validation reads; and a nested repository's files count as
// untracked one by one (git names the directory).
Status read_changes(const std::filesystem::path& root, const std::string& ref, ChangeSet* out,
                    const std::function<Status(std::vector<std::string>*)>& list_visible = {});

// `git config user.email` as seen in `dir`; empty when git or the setting is
// absent. Identifies who runs a writing command when no person id is given.
std::string git_user_email(const std::filesystem::path& dir);

}  // namespace isms
