// The git history of a store's records, read by running git (no shell).
// Paths are store-relative even when the store is a folder of a larger
// repository: only the store's own paths are looked at.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
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

// `git config user.email` as seen in `dir`; empty when git or the setting is
// absent. Identifies who runs a writing command when no person id is given.
std::string git_user_email(const std::filesystem::path& dir);

}  // namespace isms
