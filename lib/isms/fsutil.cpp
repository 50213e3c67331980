#include "isms/fsutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

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
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};
}  // namespace

Status read_file_bounded(const fs::path& path, std::size_t max_bytes, std::string* out, bool* truncated) {
  out->clear();
  *truncated = false;
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return Status::io_error(fmt::format("cannot read {}: {}", path.string(), errno_text(errno)));
  const std::size_t limit = max_bytes + 1;
  std::size_t have = 0;
  // Size the buffer from the file's size (plus one byte to notice growth);
  // the loop still bounds what is read if the size was wrong.
  struct stat st {};
  const std::size_t expected =
      ::fstat(fd.get(), &st) == 0 && st.st_size >= 0 ? static_cast<std::size_t>(st.st_size) + 1 : 4096;
  out->resize(std::min(limit, std::max<std::size_t>(expected, 1)));
  while (have < limit) {
    if (have == out->size()) out->resize(std::min(limit, out->size() * 2));
    const ssize_t n = ::read(fd.get(), out->data() + have, out->size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::io_error(fmt::format("cannot read {}: {}", path.string(), errno_text(errno)));
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  out->resize(have);
  if (have > max_bytes) *truncated = true;
  return Status::ok();
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

Status write_file_atomic(const fs::path& path, std::string_view content, bool exclusive) {
  ++fault_point().writes;
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  if (exclusive && fs::exists(fs::symlink_status(path))) {
    return Status::conflict(fmt::format("{} already exists", path.string()));
  }
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  Fd fd(::mkstemp(tmpl.data()));
  if (fd.get() < 0) return Status::io_error(fmt::format("cannot create a file in {}: {}", dir.string(), errno_text(errno)));
  auto fail = [&](const std::string& what) {
    const int e = errno;
    ::unlink(tmpl.c_str());
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
  maybe_fail("temp-written");
  if (::fchmod(fd.get(), 0644) != 0 || ::fsync(fd.get()) != 0) return fail("cannot write");
  if (::close(fd.release()) != 0) return fail("cannot write");
  maybe_fail("before-rename");
  if (exclusive) {
    // link() fails if the target appeared meanwhile, unlike rename().
    if (::link(tmpl.c_str(), path.c_str()) != 0) {
      const int e = errno;
      ::unlink(tmpl.c_str());
      if (e == EEXIST) return Status::conflict(fmt::format("{} already exists", path.string()));
      errno = e;
      return fail("cannot create");
    }
    ::unlink(tmpl.c_str());
  } else if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    return fail("cannot replace");
  }
  maybe_fail("after-rename");
  Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() >= 0) ::fsync(dfd.get());
  return Status::ok();
}

namespace {
Status walk(const fs::path& root, const std::string& rel, Listing* out, int depth) {
  if (depth > 16) return Status::ok();  // the layout is at most 6 deep
  std::error_code ec;
  std::vector<std::pair<std::string, fs::file_type>> entries;
  for (fs::directory_iterator it(root / rel, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    entries.emplace_back(name, it->symlink_status(ec).type());
  }
  if (ec) return Status::io_error(fmt::format("cannot list {}: {}", (root / rel).string(), ec.message()));
  std::sort(entries.begin(), entries.end());
  for (const auto& [name, type] : entries) {
    const std::string child = rel.empty() ? name : rel + "/" + name;
    if (type == fs::file_type::symlink) {
      out->symlinks.push_back(child);
    } else if (type == fs::file_type::directory) {
      if (Status s = walk(root, child, out, depth + 1); !s.is_ok()) return s;
    } else if (type == fs::file_type::regular) {
      out->files.push_back(child);
    }
  }
  return Status::ok();
}
}  // namespace

Status list_store_files(const fs::path& root, Listing* out) {
  out->files.clear();
  out->symlinks.clear();
  Status s = walk(root, "", out, 0);
  // Sorting by full path keeps "a/b" before "a-c/…" deterministic regardless
  // of how the walk recursed.
  std::sort(out->files.begin(), out->files.end());
  std::sort(out->symlinks.begin(), out->symlinks.end());
  return s;
}

}  // namespace isms
