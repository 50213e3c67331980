// An Env that keeps everything in memory, for tests (after leveldb's
// helpers/memenv and ninja's VirtualFileSystem): files, directories, the
// lock, a clock and a git history, all held in this object. Nothing touches
// the real file system.
//
// It can stop an operation part-way as a kill would: crash_at_write(n)
// makes the n-th store write from then on throw MemEnv::Crash before it
// takes effect. Writes are atomic, so what the store holds afterwards is
// exactly the writes before it; the lock is left with its holder's line, as
// a killed process leaves it, so the next writer hears of it.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "isms/sys/env.h"

namespace isms {

class MemEnv final : public Env {
 public:
  struct Crash {
    int write = 0;  // which write it stopped (1-based, counted from crash_at_write)
  };

  MemEnv();

  // Test set-up and inspection, by path as the library would name it.
  void put(const std::filesystem::path& path, std::string content);
  // Replaces an existing file's content and leaves its stamp as it was: a
  // write no stamp shows (same size, in the same clock tick, on a file
  // system that reuses the inode), which only a content check can catch.
  void put_keeping_stamp(const std::filesystem::path& path, std::string content);
  // Sets an existing file's mtime as utimensat does: its ctime becomes the
  // clock's time. Nothing for a missing file.
  void set_mtime(const std::filesystem::path& path, std::uint64_t mtime_ns);
  std::optional<FileStamp> stamp_of(const std::filesystem::path& path) const;
  std::optional<std::string> get(const std::filesystem::path& path) const;
  // Every file below `root`, store-relative, with its content.
  std::map<std::string, std::string> files_below(const std::filesystem::path& root) const;
  // Writes (store and user files) so far.
  int writes() const;
  // 0 disarms.
  void crash_at_write(int n);
  void advance_clock(std::uint64_t ns);
  void set_history(std::vector<Commit> commits);  // else: "not a git repository"
  void set_user_email(std::string email);
  void set_changes(ChangeSet changes);  // else: "not a git repository"

  std::unique_ptr<StoreReader> new_reader(const std::filesystem::path& root) override;
  bool store_path_exists(const std::filesystem::path& root, std::string_view rel) override;
  Status list_store_files(const std::filesystem::path& root, Listing* out,
                          const std::function<bool(std::string_view)>& descend, bool stamp) override;
  Status write_store_file(const std::filesystem::path& root, std::string_view rel, std::string_view content,
                          bool exclusive, bool durable) override;
  Status sweep_temp_files(const std::filesystem::path& root, std::vector<std::string>* removed) override;
  Status lock_store(const std::filesystem::path& root, std::chrono::milliseconds timeout, std::string_view holder,
                    std::unique_ptr<StoreLockHandle>* out) override;
  bool is_regular_file(const std::filesystem::path& path) override;
  bool is_directory(const std::filesystem::path& path) override;
  std::vector<std::string> subdirectories(const std::filesystem::path& dir) override;
  Status read_file(const std::filesystem::path& path, std::size_t max_bytes, std::string* out,
                   bool* truncated) override;
  Status write_file(const std::filesystem::path& path, std::string_view content, bool exclusive) override;
  // The one real-file-system call: the library behind it writes only to
  // real files. Nothing of it stays, and the store is not touched.
  Status write_through_scratch(const std::function<Status(const std::filesystem::path& file)>& write,
                               std::size_t max_bytes, std::string* bytes) override;
  Status create_directories(const std::filesystem::path& dir) override;
  Status remove_file(const std::filesystem::path& path) override;
  Status file_time_now(const std::filesystem::path& root, std::uint64_t* ns) override;
  Status git_history(const std::filesystem::path& root, std::vector<Commit>* out) override;
  Status git_changes(const std::filesystem::path& root, const std::string& ref, ChangeSet* out) override;
  std::string git_user_email(const std::filesystem::path& dir) override;
  // Signatures are computations on the bytes given: the real ssh-keygen
  // makes and checks them, the key file is a real file.
  Status ssh_sign(const std::filesystem::path& key_file, std::string_view ns, std::string_view data,
                  std::string* signature) override;
  Status ssh_verify(std::string_view allowed_signers, std::string_view principal, std::string_view ns,
                    std::string_view signature, std::string_view data, bool* valid, std::string* why) override;

 private:
  struct File {
    std::string content;
    FileStamp stamp;
  };
  class Reader;
  class Lock;
  static std::string key(const std::filesystem::path& path);
  Status write_locked(const std::string& path, std::string_view content, bool exclusive);
  const File* find(const std::string& path) const;
  void add_parents(const std::string& path);

  mutable std::mutex mu_;
  std::map<std::string, File> files_;
  std::set<std::string> dirs_;
  std::map<std::string, std::string> lock_lines_;  // store root → holder line left in its lock file
  std::set<std::string> locked_;
  std::uint64_t clock_ns_;
  std::uint64_t next_inode_ = 1;
  int writes_ = 0;
  int crash_at_ = 0;
  bool crashed_ = false;  // a Crash was thrown since the lock was last taken
  std::optional<std::vector<Commit>> history_;
  std::string user_email_;
  std::optional<ChangeSet> changes_;
};

}  // namespace isms
