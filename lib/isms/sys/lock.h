// The store's write lock: one writing command at a time per store.
//
// The lock is flock(2) on <store>/.isms-obj/lock, so the kernel releases it
// when its holder exits or is killed: a crashed writer never wedges the
// store. The holder writes a one-line description of itself into the file;
// a process that gives up waiting names that holder, and one that finds the
// line still there when it acquires the lock knows the previous holder did
// not finish cleanly (it reports it, it does not hide it).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "isms/base/status.h"

namespace isms {

class StoreLock {
 public:
  StoreLock() = default;
  ~StoreLock();
  StoreLock(StoreLock&& other) noexcept;
  StoreLock& operator=(StoreLock&& other) noexcept;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

  // Waits up to `timeout` for the lock. On success `*out` holds it and
  // `out->previous_holder()` is non-empty if an earlier holder left without
  // releasing. Fails with Conflict naming the current holder on timeout, or
  // IoError when the lock file cannot be created.
  static Status acquire(const std::filesystem::path& store_root, std::chrono::milliseconds timeout,
                        std::string_view holder, StoreLock* out);

  bool held() const { return fd_ >= 0; }
  const std::string& previous_holder() const { return previous_; }
  void release();

 private:
  int fd_ = -1;
  std::string previous_;
};

}  // namespace isms
