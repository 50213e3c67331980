// The POSIX Env: sys/fsutil, sys/lock and sys/git behind the interface.
#include <time.h>

#include <algorithm>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/sys/env.h"
#include "isms/sys/fsutil.h"
#include "isms/sys/git.h"
#include "isms/sys/lock.h"
#include "isms/sys/ssh.h"

namespace isms {

namespace fs = std::filesystem;

Status Env::read_store_file(const fs::path& root, std::string_view rel, std::size_t max_bytes, std::string* out,
                            bool* truncated) {
  return new_reader(root)->read(rel, max_bytes, out, truncated);
}

namespace {

class PosixLock final : public StoreLockHandle {
 public:
  StoreLock lock;
  const std::string& previous_holder() const override { return lock.previous_holder(); }
};

class PosixEnv final : public Env {
 public:
  std::unique_ptr<StoreReader> new_reader(const fs::path& root) override {
    return std::make_unique<StoreFileReader>(root);
  }
  bool store_path_exists(const fs::path& root, std::string_view rel) override {
    std::error_code ec;
    return fs::exists(fs::symlink_status(root / fs::path(std::string(rel)), ec));
  }
  Status list_store_files(const fs::path& root, Listing* out, const std::function<bool(std::string_view)>& descend,
                          bool stamp) override {
    return isms::list_store_files(root, out, descend, stamp);
  }
  Status write_store_file(const fs::path& root, std::string_view rel, std::string_view content, bool exclusive,
                          bool durable) override {
    return isms::write_store_file(root, rel, content, exclusive, durable);
  }
  Status sweep_temp_files(const fs::path& root, std::vector<std::string>* removed) override {
    return isms::sweep_temp_files(root, removed);
  }
  Status lock_store(const fs::path& root, std::chrono::milliseconds timeout, std::string_view holder,
                    std::unique_ptr<StoreLockHandle>* out) override {
    auto held = std::make_unique<PosixLock>();
    if (Status s = StoreLock::acquire(root, timeout, holder, &held->lock); !s.is_ok()) return s;
    *out = std::move(held);
    return Status::ok();
  }
  bool is_regular_file(const fs::path& path) override {
    std::error_code ec;
    return fs::is_regular_file(fs::symlink_status(path, ec));
  }
  bool is_directory(const fs::path& path) override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }
  std::vector<std::string> subdirectories(const fs::path& dir) override {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) out.push_back(it->path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  Status read_file(const fs::path& path, std::size_t max_bytes, std::string* out, bool* truncated) override {
    return read_file_bounded(path, max_bytes, out, truncated);
  }
  Status write_file(const fs::path& path, std::string_view content, bool exclusive) override {
    return write_file_atomic(path, content, exclusive);
  }
  Status create_directories(const fs::path& dir) override {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::io_error(trf("cannot create {}: {}", dir.string(), ec.message()));
    return Status::ok();
  }
  Status write_through_scratch(const std::function<Status(const fs::path& file)>& write, std::size_t max_bytes,
                               std::string* bytes) override {
    return isms::write_through_scratch(write, max_bytes, bytes);
  }
  Status remove_file(const fs::path& path) override {
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) return Status::io_error(trf("cannot remove {}: {}", path.string(), ec.message()));
    return Status::ok();
  }
  Status file_time_now(const fs::path&, std::uint64_t* ns) override {
    // Local file systems stamp files from the same real-time clock (a
    // coarse reading of it, at most a tick behind; the cache's racy margin
    // is seconds).
    struct timespec t {};
    if (::clock_gettime(CLOCK_REALTIME, &t) != 0) return Status::io_error("cannot read the clock");
    *ns = static_cast<std::uint64_t>(t.tv_sec) * 1000000000u + static_cast<std::uint64_t>(t.tv_nsec);
    return Status::ok();
  }
  Status git_history(const fs::path& root, std::vector<Commit>* out) override { return read_history(root, out); }
  Status git_changes(const fs::path& root, const std::string& ref, ChangeSet* out) override {
    return read_changes(root, ref, out, [&root](std::vector<std::string>* visible) {
      Listing listing;
      if (Status s = isms::list_store_files(root, &listing); !s.is_ok()) return s;
      *visible = std::move(listing.files);
      visible->insert(visible->end(), std::make_move_iterator(listing.symlinks.begin()),
                      std::make_move_iterator(listing.symlinks.end()));
      return Status::ok();
    });
  }
  std::string git_user_email(const fs::path& dir) override { return isms::git_user_email(dir); }
  Status ssh_sign(const fs::path& key_file, std::string_view ns, std::string_view data,
                  std::string* signature) override {
    return isms::ssh_sign(key_file, ns, data, signature);
  }
  Status ssh_verify(std::string_view allowed_signers, std::string_view principal, std::string_view ns,
                    std::string_view signature, std::string_view data, bool* valid, std::string* why) override {
    return isms::ssh_verify(allowed_signers, principal, ns, signature, data, valid, why);
  }
};

}  // namespace

std::unique_ptr<Env> new_posix_env() { return std::make_unique<PosixEnv>(); }

}  // namespace isms
