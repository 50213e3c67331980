#include "isms/sys/fsutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <random>
#include <utility>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/sys/parallel.h"

namespace isms {

namespace fs = std::filesystem;

namespace {
std::string errno_text(int e) { return std::strerror(e); }

struct FaultPoint {
  std::string step;
  int nth = 1;
  int writes = 0;
};
FaultPoint& fault_point() {
  static FaultPoint f;
  return f;
}

void maybe_fail(std::string_view step) {
  const FaultPoint& f = fault_point();
  if (!f.step.empty() && f.step == step && f.writes == f.nth) std::_Exit(86);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};
}  // namespace

namespace {

// With `st`, the file's fstat (taken before reading) is left there; a
// failed fstat leaves it zeroed.
Status read_fd_bounded(int fd, const fs::path& path, std::size_t max_bytes, std::string* out, bool* truncated,
                       struct stat* st = nullptr) {
  out->clear();
  *truncated = false;
  const std::size_t limit = max_bytes + 1;
  std::size_t have = 0;
  // Size the buffer from the file's size (plus one byte to notice growth);
  // the loop still bounds what is read if the size was wrong.
  struct stat own {};
  if (!st) st = &own;
  const bool sized = ::fstat(fd, st) == 0;
  if (!sized) *st = {};
  const std::size_t expected = sized && st->st_size >= 0 ? static_cast<std::size_t>(st->st_size) + 1 : 4096;
  out->resize(std::min(limit, std::max<std::size_t>(expected, 1)));
  while (have < limit) {
    if (have == out->size()) out->resize(std::min(limit, out->size() * 2));
    const ssize_t n = ::read(fd, out->data() + have, out->size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::io_error(trf("cannot read {}: {}", path.string(), errno_text(errno)));
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  out->resize(have);
  if (have > max_bytes) *truncated = true;
  return Status::ok();
}

}  // namespace

Status read_file_bounded(const fs::path& path, std::size_t max_bytes, std::string* out, bool* truncated) {
  out->clear();
  *truncated = false;
  // Opened without blocking, so that a FIFO or a device named as an input
  // is refused instead of waiting forever for a writer.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (fd.get() < 0) {
    const int e = errno;
    if (e == ELOOP) return Status::invalid_argument(trf("{} is a symbolic link; give the file it points to", path.string()));
    return Status::io_error(trf("cannot read {}: {}", path.string(), errno_text(e)));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Status::io_error(trf("cannot read {}: {}", path.string(), errno_text(errno)));
  if (!S_ISREG(st.st_mode)) {
    return Status::invalid_argument(trf("{} is not a regular file (a pipe, a device or a directory)", path.string()));
  }
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0) {
    return Status::io_error(trf("cannot read {}: {}", path.string(), errno_text(errno)));
  }
  return read_fd_bounded(fd.get(), path, max_bytes, out, truncated);
}

Status write_through_scratch(const std::function<Status(const fs::path& file)>& write, std::size_t max_bytes,
                             std::string* bytes) {
  std::error_code ec;
  const fs::path base = fs::temp_directory_path(ec);
  if (ec) return Status::io_error(trf("no temporary directory: {}", ec.message()));
  std::string tmpl = (base / "isms-obj-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) {
    return Status::io_error(trf("cannot make a directory in {}: {}", base.string(), errno_text(errno)));
  }
  const fs::path dir = tmpl;
  Status s = write(dir / "out");
  if (s.is_ok()) {
    bool truncated = false;
    s = read_file_bounded(dir / "out", max_bytes, bytes, &truncated);
    if (s.is_ok() && truncated) s = Status::io_error(trf("what was written is larger than {} bytes", max_bytes));
  }
  fs::remove_all(dir, ec);
  return s;
}

void set_fault_injection(std::string spec) {
  FaultPoint f;
  if (const auto colon = spec.find(':'); colon != std::string::npos) {
    f.nth = std::max(1, std::atoi(spec.c_str() + colon + 1));
    spec.resize(colon);
  }
  f.step = std::move(spec);
  fault_point() = f;
}

namespace {

// '/'-separated components of a store-relative path; false when one is
// empty, '.' or '..' or the path is absolute.
bool split_rel(std::string_view rel, std::vector<std::string>* parts) {
  parts->clear();
  if (rel.empty()) return true;
  std::size_t at = 0;
  while (true) {
    const std::size_t slash = rel.find('/', at);
    const std::string_view part = rel.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string_view::npos) return false;
    parts->emplace_back(part);
    if (slash == std::string_view::npos) return true;
    at = slash + 1;
  }
}

}  // namespace

bool is_store_relative(std::string_view rel) {
  std::vector<std::string> parts;
  return split_rel(rel, &parts);
}

namespace {

Status link_refused(const fs::path& root, const std::vector<std::string>& parts, std::size_t upto) {
  fs::path p = root;
  for (std::size_t i = 0; i <= upto && i < parts.size(); ++i) p /= parts[i];
  return Status::invalid_argument(trf(
      "{} is a symbolic link or not a directory; records are read and written only inside the store, "
      "links are not followed",
      p.string()));
}

}  // namespace

Status open_store_dir(const fs::path& root, std::string_view rel, bool create, int* out) {
  *out = -1;
  std::vector<std::string> parts;
  if (!split_rel(rel, &parts)) return Status::invalid_argument(trf("'{}' is not a path inside the store", rel));
  Fd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return Status::io_error(trf("cannot open {}: {}", root.string(), errno_text(errno)));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const char* name = parts[i].c_str();
    int next = ::openat(dir.get(), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0 && errno == ENOENT && create) {
      if (::mkdirat(dir.get(), name, 0755) != 0) {
        if (errno != EEXIST) {
          return Status::io_error(trf("cannot create {}: {}", (root / rel).string(), errno_text(errno)));
        }
      } else {
        // The new directory's entry lives in its parent: without this, a
        // power cut after a file below it was written and synced could
        // lose the directory, and the file with it.
        ::fsync(dir.get());
      }
      next = ::openat(dir.get(), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (next < 0) {
      if (errno == ELOOP || errno == ENOTDIR) return link_refused(root, parts, i);
      return Status::io_error(trf("cannot open {}: {}", (root / rel).string(), errno_text(errno)));
    }
    dir.reset(next);
  }
  *out = dir.release();
  return Status::ok();
}

namespace {

// The directory part and the file name of a store-relative file path.
bool split_file(std::string_view rel, std::string_view* dir, std::string* name) {
  const std::size_t slash = rel.rfind('/');
  *dir = slash == std::string_view::npos ? std::string_view{} : rel.substr(0, slash);
  *name = std::string(slash == std::string_view::npos ? rel : rel.substr(slash + 1));
  return !name->empty() && *name != "." && *name != ".." && name->find('\0') == std::string::npos;
}

}  // namespace

StoreFileReader::~StoreFileReader() {
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

namespace {

FileStamp stamp_of(const struct stat& st) {
  auto ns = [](const struct timespec& t) {
    return static_cast<std::uint64_t>(t.tv_sec) * 1000000000u + static_cast<std::uint64_t>(t.tv_nsec);
  };
  return FileStamp{static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                   static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

}  // namespace

Status StoreFileReader::open_dir_of(std::string_view rel, std::string* name) {
  std::string_view dir_rel;
  if (!split_file(rel, &dir_rel, name)) return Status::invalid_argument(trf("'{}' is not a store file", rel));
  if (dir_fd_ < 0 || dir_rel != dir_rel_) {
    if (dir_fd_ >= 0) ::close(dir_fd_);
    dir_fd_ = -1;
    if (Status s = open_store_dir(root_, dir_rel, /*create=*/false, &dir_fd_); !s.is_ok()) return s;
    dir_rel_ = std::string(dir_rel);
  }
  return Status::ok();
}

Status StoreFileReader::read(std::string_view rel, std::size_t max_bytes, std::string* out, bool* truncated,
                             FileStamp* stamp) {
  std::string name;
  if (Status s = open_dir_of(rel, &name); !s.is_ok()) return s;
  Fd fd(::openat(dir_fd_, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  const fs::path shown = root_ / fs::path(std::string(rel));
  if (fd.get() < 0) {
    if (errno == ELOOP) return Status::invalid_argument(trf("{} is a symbolic link; links are not followed", shown.string()));
    return Status::io_error(trf("cannot read {}: {}", shown.string(), errno_text(errno)));
  }
  struct stat st {};
  Status s = read_fd_bounded(fd.get(), shown, max_bytes, out, truncated, &st);
  if (stamp) *stamp = stamp_of(st);
  return s;
}

Status StoreFileReader::stamp(std::string_view rel, FileStamp* out) {
  std::string name;
  if (Status s = open_dir_of(rel, &name); !s.is_ok()) return s;
  struct stat st {};
  if (::fstatat(dir_fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) {
    return Status::io_error(trf("cannot stat {}", (root_ / fs::path(std::string(rel))).string()));
  }
  *out = stamp_of(st);
  return Status::ok();
}

Status read_store_file(const fs::path& root, std::string_view rel, std::size_t max_bytes, std::string* out,
                       bool* truncated) {
  StoreFileReader reader(root);
  return reader.read(rel, max_bytes, out, truncated);
}

namespace {

// Removes `.<name>.tmp-<pid>-<random>` files in `dir_fd` whose writer no
// longer runs (kill(pid, 0) answers ESRCH). Temporary files of older
// versions (no pid) are left to the writers' sweep under the store's lock.
void sweep_dead_temps(int dir_fd, const std::string& name) {
  const int fd = ::dup(dir_fd);
  if (fd < 0) return;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return;
  }
  const std::string prefix = "." + name + ".tmp-";
  std::vector<std::string> dead;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view entry = e->d_name;
    if (entry.substr(0, prefix.size()) != prefix) continue;
    const std::string_view rest = entry.substr(prefix.size());
    const std::size_t dash = rest.find('-');
    if (dash == std::string_view::npos || dash == 0) continue;
    long pid = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + dash, pid);
    if (ec != std::errc() || end != rest.data() + dash || pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) dead.emplace_back(entry);
  }
  ::closedir(d);
  for (const auto& t : dead) ::unlinkat(dir_fd, t.c_str(), 0);
}

}  // namespace

Status write_store_file(const fs::path& root, std::string_view rel, std::string_view content, bool exclusive,
                        bool durable) {
  // Faults stop durable writes (records) only: a cache written on the way
  // would otherwise take the place of the record write a test means.
  if (durable) ++fault_point().writes;
  const auto fail_at = [durable](std::string_view step) {
    if (durable) maybe_fail(step);
  };
  std::string_view dir_rel;
  std::string name;
  if (!split_file(rel, &dir_rel, &name)) return Status::invalid_argument(trf("'{}' is not a store file", rel));
  const fs::path path = root / fs::path(std::string(rel));
  int raw = -1;
  if (Status s = open_store_dir(root, dir_rel, /*create=*/true, &raw); !s.is_ok()) return s;
  Fd dir(raw);
  struct stat st {};
  if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISLNK(st.st_mode)) {
      return Status::invalid_argument(trf("{} is a symbolic link; links are not followed", path.string()));
    }
    if (exclusive) return Status::conflict(trf("{} already exists", path.string()));
  }

  // What a writer of this same file left when it was killed: only its
  // process knows the file is temporary, and it is gone.
  sweep_dead_temps(dir.get(), name);
  // A temporary name no other writer uses: O_EXCL makes the choice atomic.
  // The writer's pid in it lets a later writer tell a leftover from a
  // write in progress.
  std::random_device random;
  std::string tmp;
  int tmp_fd = -1;
  for (int attempt = 0; attempt < 100 && tmp_fd < 0; ++attempt) {
    tmp = fmt::format(".{}.tmp-{}-{:08x}", name, ::getpid(), random());
    tmp_fd = ::openat(dir.get(), tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (tmp_fd < 0 && errno != EEXIST) break;
  }
  if (tmp_fd < 0) {
    return Status::io_error(trf("cannot create a file in {}: {}", path.parent_path().string(), errno_text(errno)));
  }
  Fd fd(tmp_fd);
  auto fail = [&](const std::string& what) {
    const int e = errno;
    ::unlinkat(dir.get(), tmp.c_str(), 0);
    return Status::io_error(fmt::format("{} {}: {}", what, path.string(), errno_text(e)));
  };
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  fail_at("temp-written");
  if (::fchmod(fd.get(), 0644) != 0 || (durable && ::fsync(fd.get()) != 0)) return fail("cannot write");
  if (::close(fd.release()) != 0) return fail("cannot write");
  fail_at("before-rename");
  if (exclusive) {
    // linkat() fails if the target appeared meanwhile, unlike renameat().
    if (::linkat(dir.get(), tmp.c_str(), dir.get(), name.c_str(), 0) != 0) {
      const int e = errno;
      ::unlinkat(dir.get(), tmp.c_str(), 0);
      if (e == EEXIST) return Status::conflict(trf("{} already exists", path.string()));
      errno = e;
      return fail("cannot create");
    }
    ::unlinkat(dir.get(), tmp.c_str(), 0);
  } else if (::renameat(dir.get(), tmp.c_str(), dir.get(), name.c_str()) != 0) {
    return fail("cannot replace");
  }
  fail_at("after-rename");
  if (durable) ::fsync(dir.get());
  return Status::ok();
}

Status write_file_atomic(const fs::path& path, std::string_view content, bool exclusive) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error(trf("cannot create {}: {}", dir.string(), ec.message()));
  return write_store_file(dir, path.filename().string(), content, exclusive);
}

namespace {

bool is_temp_name(std::string_view name) {
  const std::size_t tmp = name.rfind(".tmp-");
  if (name.size() < 2 || name[0] != '.' || tmp == std::string_view::npos || tmp == 0) return false;
  const std::string_view tail = name.substr(tmp + 5);
  return tail.size() >= 6 && std::all_of(tail.begin(), tail.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
         });
}

void sweep(const fs::path& root, const std::string& rel, std::vector<std::string>* removed, int depth) {
  if (depth > 16) return;
  std::error_code ec;
  std::vector<std::pair<std::string, fs::file_type>> entries;
  for (fs::directory_iterator it(root / rel, ec), end; !ec && it != end; it.increment(ec)) {
    entries.emplace_back(it->path().filename().string(), it->symlink_status(ec).type());
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& [name, type] : entries) {
    const std::string child = rel.empty() ? name : rel + "/" + name;
    if (type == fs::file_type::directory && name != ".git") {
      sweep(root, child, removed, depth + 1);
    } else if (type == fs::file_type::regular && is_temp_name(name) && fs::remove(root / child, ec)) {
      removed->push_back(child);
    }
  }
}

}  // namespace

Status sweep_temp_files(const fs::path& root, std::vector<std::string>* removed) {
  removed->clear();
  sweep(root, "", removed, 0);
  return Status::ok();
}

namespace {
// One directory's entries (hidden ones skipped), in walk order (below).
// With `stamp`, regular files are stamped relative to the directory's
// descriptor (no path lookup beyond the name).
struct DirEntry {
  std::string name;
  unsigned char type = DT_UNKNOWN;
  FileStamp stamp;
};

// A directory sorts as its name with a '/' appended, so that a depth-first
// walk in this order lists full paths in byte order ("a-c" before "a/b",
// since '-' < '/'), as git orders its index. Names hold no '/'.
bool walk_order(const DirEntry& a, const DirEntry& b) {
  const std::string_view x = a.name, y = b.name;
  const std::size_t n = std::min(x.size(), y.size());
  if (const int c = x.substr(0, n).compare(y.substr(0, n)); c != 0) return c < 0;
  if (x.size() == y.size()) return false;
  // One name is a prefix of the other: the shorter continues with '/' if it
  // is a directory, and ends otherwise.
  if (x.size() < y.size()) return a.type != DT_DIR || static_cast<unsigned char>('/') < static_cast<unsigned char>(y[n]);
  return b.type == DT_DIR && static_cast<unsigned char>(x[n]) < static_cast<unsigned char>('/');
}

Status read_dir(int dir_fd, const fs::path& shown, bool stamp, std::vector<DirEntry>* out) {
  const int dup_fd = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
  DIR* d = dup_fd >= 0 ? ::fdopendir(dup_fd) : nullptr;
  if (!d) {
    if (dup_fd >= 0) ::close(dup_fd);
    return Status::io_error(trf("cannot list {}: {}", shown.string(), errno_text(errno)));
  }
  errno = 0;
  while (const struct dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    DirEntry entry{e->d_name, e->d_type, {}};
    if (entry.type == DT_UNKNOWN || (stamp && entry.type == DT_REG)) {
      struct stat st {};
      if (::fstatat(dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
      entry.type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
      if (entry.type == DT_REG) entry.stamp = stamp_of(st);
    }
    out->push_back(std::move(entry));
    errno = 0;
  }
  const int e = errno;
  ::closedir(d);
  if (e != 0) return Status::io_error(trf("cannot list {}: {}", shown.string(), errno_text(e)));
  std::sort(out->begin(), out->end(), walk_order);
  return Status::ok();
}

// A subtree left for a worker, and the slot its files go to.
struct Deferred {
  std::string rel;
  std::size_t slot = 0;
};

struct Walker {
  const fs::path& root;
  const std::function<bool(std::string_view)>& descend;
  bool stamp;

  // Lists directory `rel` (open as `dir_fd`) into `slots->back()`, in path
  // order. With `later`, subdirectories `split_depth` levels down are not
  // entered: each is given a slot of its own (queued in `later`) and what
  // follows it goes to a new slot, so that the slots, once filled and
  // joined in order, are in path order too.
  Status walk(int dir_fd, const std::string& rel, int depth, std::vector<Listing>* slots,
              std::vector<Deferred>* later, int split_depth) const {
    if (depth > 16) return Status::ok();  // the layout is at most 6 deep
    std::vector<DirEntry> entries;
    if (Status s = read_dir(dir_fd, root / rel, stamp, &entries); !s.is_ok()) return s;
    for (auto& e : entries) {
      const std::string child = rel.empty() ? e.name : rel + "/" + e.name;
      if (e.type == DT_LNK) {
        slots->back().symlinks.push_back(child);
      } else if (e.type == DT_DIR) {
        if (descend && !descend(child)) continue;
        if (later && depth + 1 == split_depth) {
          later->push_back({child, slots->size()});
          slots->resize(slots->size() + 2);
          continue;
        }
        Fd sub(::openat(dir_fd, e.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (sub.get() < 0) return Status::io_error(trf("cannot list {}: {}", (root / child).string(), errno_text(errno)));
        if (Status s = walk(sub.get(), child, depth + 1, slots, later, split_depth); !s.is_ok()) return s;
      } else if (e.type == DT_REG) {
        slots->back().files.push_back(child);
        if (stamp) slots->back().stamps.push_back(e.stamp);
      }
    }
    return Status::ok();
  }
};

}  // namespace

Status list_store_files(const fs::path& root, Listing* out, const std::function<bool(std::string_view)>& descend,
                        bool stamp) {
  *out = Listing{};
  Fd top(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (top.get() < 0) return Status::io_error(trf("cannot list {}: {}", root.string(), errno_text(errno)));
  const Walker walker{root, descend, stamp};
  // The first two levels (units/<unit>, approvals/<year>, …) are listed
  // here; the subtrees below them are shared out to threads, since a large
  // store is mostly file-system calls. Threads take the next subtree as they
  // finish one (subtrees differ in size: a year of reviews holds thousands
  // of files, a unit's directory hundreds), and each subtree fills its own
  // slot, so the result is the same whatever thread listed what.
  std::vector<Listing> slots(1);
  std::vector<Deferred> subtrees;
  if (Status s = walker.walk(top.get(), "", 0, &slots, &subtrees, 2); !s.is_ok()) return s;
  const std::size_t workers = worker_count(subtrees.size(), 16);
  std::vector<Status> failures(workers, Status::ok());
  std::atomic<std::size_t> next{0};
  run_workers(workers, [&](std::size_t w) {
    for (std::size_t k = next++; k < subtrees.size(); k = next++) {
      std::vector<Listing> own(1);
      int fd = -1;
      Status s = open_store_dir(root, subtrees[k].rel, /*create=*/false, &fd);
      if (s.is_ok()) {
        Fd dir(fd);
        s = walker.walk(dir.get(), subtrees[k].rel, 2, &own, nullptr, 0);
      }
      if (!s.is_ok()) {
        failures[w] = s;
        next = subtrees.size();  // the others stop too
        return;
      }
      slots[subtrees[k].slot] = std::move(own.front());
    }
  });
  for (const auto& f : failures) {
    if (!f.is_ok()) return f;
  }
  std::size_t files = 0, links = 0;
  for (const auto& slot : slots) {
    files += slot.files.size();
    links += slot.symlinks.size();
  }
  out->files.reserve(files);
  if (stamp) out->stamps.reserve(files);
  out->symlinks.reserve(links);
  for (auto& slot : slots) {
    out->files.insert(out->files.end(), std::make_move_iterator(slot.files.begin()), std::make_move_iterator(slot.files.end()));
    out->stamps.insert(out->stamps.end(), slot.stamps.begin(), slot.stamps.end());
    out->symlinks.insert(out->symlinks.end(), std::make_move_iterator(slot.symlinks.begin()),
                         std::make_move_iterator(slot.symlinks.end()));
  }
  return Status::ok();
}

}  // namespace isms
