// The environment: every file, lock, git and time access of the library
// goes through an Env, after leveldb's include/leveldb/env.h. The command
// line builds the POSIX one (new_posix_env) in main and hands it down;
// tests use the in-memory one (sys/mem_env.h), which can also stop a write
// operation part-way as a kill would.
//
// Store paths are store-relative, '/'-separated, below a store `root`
// (no empty, '.' or '..' components, not absolute); an implementation
// confines them to the root and never follows a symbolic link below it
// (sys/fsutil.h has the POSIX rules). Other paths are ones the user named
// (--output, --from, the store directory itself) and are used as given.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/status.h"
#include "isms/sys/git.h"

namespace isms {

// What the file system says about a file's content without reading it: the
// identity a cache compares (as git's index does) before trusting that a
// file is unchanged. Times in nanoseconds since the epoch.
struct FileStamp {
  std::uint64_t size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, device = 0;
  bool operator==(const FileStamp&) const = default;
};

// A store directory listing: regular files in sorted order (byte order of
// the '/'-separated relative path), hidden entries (a name starting with
// '.') skipped, symbolic links reported in `symlinks` and never followed.
struct Listing {
  std::vector<std::string> files;
  std::vector<FileStamp> stamps;  // with `stamp`: files[i]'s stamp
  std::vector<std::string> symlinks;
};

// Reads many files of one store. Not thread-safe: one per thread.
class StoreReader {
 public:
  virtual ~StoreReader() = default;
  // At most `max_bytes` + 1 bytes, so that a caller can tell "too large"
  // without reading a huge file: `*truncated` is set when the file is
  // larger (then `out` holds only the first part). With `stamp`, also the
  // file's stamp, taken before its bytes are read. NotFound-like failures
  // are IoError; a link is InvalidArgument.
  virtual Status read(std::string_view rel, std::size_t max_bytes, std::string* out, bool* truncated,
                      FileStamp* stamp = nullptr) = 0;
  // The stamp of a regular file (not following links); IoError when there
  // is none.
  virtual Status stamp(std::string_view rel, FileStamp* out) = 0;
};

// The store's write lock, held while the object lives (see sys/lock.h).
class StoreLockHandle {
 public:
  virtual ~StoreLockHandle() = default;
  // Non-empty when the previous holder left without releasing: who it was.
  virtual const std::string& previous_holder() const = 0;
};

class Env {
 public:
  virtual ~Env() = default;

  // --- Store files
  virtual std::unique_ptr<StoreReader> new_reader(const std::filesystem::path& root) = 0;
  // One file through a fresh reader.
  Status read_store_file(const std::filesystem::path& root, std::string_view rel, std::size_t max_bytes,
                         std::string* out, bool* truncated);
  // Whether `rel` exists below `root` as anything (a file, a directory, a link).
  virtual bool store_path_exists(const std::filesystem::path& root, std::string_view rel) = 0;
  // Every file below `root`: `descend` (when given) decides, for each
  // directory by its store-relative path, whether to list it at all; with
  // `stamp`, every file is stamped as it is listed. Files and links each
  // come in the byte order of their paths.
  virtual Status list_store_files(const std::filesystem::path& root, Listing* out,
                                  const std::function<bool(std::string_view)>& descend = {},
                                  bool stamp = false) = 0;
  // Writes atomically, creating missing directories: readers see the old
  // content or the new, never a part. Conflict instead of replacing when
  // `exclusive` and the file exists. Without `durable` nothing is synced
  // (caches: may be lost in a crash, never torn).
  virtual Status write_store_file(const std::filesystem::path& root, std::string_view rel, std::string_view content,
                                  bool exclusive, bool durable = true) = 0;
  // Removes what interrupted writes left below `root` and lists it,
  // store-relative. Only under the store lock.
  virtual Status sweep_temp_files(const std::filesystem::path& root, std::vector<std::string>* removed) = 0;
  // Waits up to `timeout` for the store's write lock; Conflict naming the
  // holder on timeout. `holder` describes the caller to later waiters.
  virtual Status lock_store(const std::filesystem::path& root, std::chrono::milliseconds timeout,
                            std::string_view holder, std::unique_ptr<StoreLockHandle>* out) = 0;

  // --- Paths the user names
  // A regular file, not following a final link.
  virtual bool is_regular_file(const std::filesystem::path& path) = 0;
  virtual bool is_directory(const std::filesystem::path& path) = 0;
  // The names of the directories in `dir` (links not followed), sorted;
  // empty when it cannot be read.
  virtual std::vector<std::string> subdirectories(const std::filesystem::path& dir) = 0;
  virtual Status read_file(const std::filesystem::path& path, std::size_t max_bytes, std::string* out,
                           bool* truncated) = 0;
  // Atomically, creating its parent directories as given.
  virtual Status write_file(const std::filesystem::path& path, std::string_view content, bool exclusive) = 0;
  virtual Status create_directories(const std::filesystem::path& dir) = 0;
  // Removes a file (a link itself, never its target); ok when there is none.
  virtual Status remove_file(const std::filesystem::path& path) = 0;
  // For a library that writes only to a file it names itself (libxlsxwriter):
  // `write` gets a path in a directory made for this call alone (mode 0700,
  // under the system's temporary directory), where no name can be a link or
  // a file someone placed; what it wrote there (at most `max_bytes`) comes
  // back in `*bytes`, and the directory is removed with all it holds,
  // whatever happened. Nothing is written next to the caller's output.
  virtual Status write_through_scratch(const std::function<Status(const std::filesystem::path& file)>& write,
                                       std::size_t max_bytes, std::string* bytes) = 0;

  // --- Time and history
  // The present time as the file system stamps files under `root`, in
  // nanoseconds since the epoch: what the validate cache compares stamps
  // against (the only clock the library reads; dates come from --today).
  virtual Status file_time_now(const std::filesystem::path& root, std::uint64_t* ns) = 0;
  // Commits that touched the store, oldest first (sys/git.h). NotFound when
  // `root` is not in a git work tree.
  virtual Status git_history(const std::filesystem::path& root, std::vector<Commit>* out) = 0;
  // What the working tree changes against the merge base of `ref` and HEAD
  // (sys/git.h read_changes): NotFound outside a git work tree.
  virtual Status git_changes(const std::filesystem::path& root, const std::string& ref, ChangeSet* out) = 0;
  // `git config user.email` as seen in `dir`; empty when absent.
  virtual std::string git_user_email(const std::filesystem::path& dir) = 0;
  // Detached SSH signatures (sys/ssh.h): made with a person's own key, and
  // checked against the keys the configuration lists.
  virtual Status ssh_sign(const std::filesystem::path& key_file, std::string_view ns, std::string_view data,
                          std::string* signature) = 0;
  virtual Status ssh_verify(std::string_view allowed_signers, std::string_view principal, std::string_view ns,
                            std::string_view signature, std::string_view data, bool* valid, std::string* why) = 0;
};

// The process's real file system, git and clock.
std::unique_ptr<Env> new_posix_env();

}  // namespace isms
