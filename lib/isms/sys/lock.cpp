#include "isms/sys/lock.h"

#include "isms/base/i18n.h"
#include "isms/sys/fsutil.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>

namespace isms {

namespace fs = std::filesystem;

namespace {
std::string read_all(int fd) {
  std::string out;
  char buf[512];
  ::lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}
}  // namespace

StoreLock::~StoreLock() { release(); }

StoreLock::StoreLock(StoreLock&& other) noexcept : fd_(other.fd_), previous_(std::move(other.previous_)) {
  other.fd_ = -1;
}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = other.fd_;
    previous_ = std::move(other.previous_);
    other.fd_ = -1;
  }
  return *this;
}

void StoreLock::release() {
  if (fd_ < 0) return;
  // An empty file tells the next holder that this one finished cleanly.
  if (::ftruncate(fd_, 0) == 0) ::fsync(fd_);
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
  fd_ = -1;
}

Status StoreLock::acquire(const fs::path& store_root, std::chrono::milliseconds timeout, std::string_view holder,
                          StoreLock* out) {
  out->release();
  const fs::path path = store_root / ".isms-obj" / "lock";
  int dir = -1;
  if (Status s = open_store_dir(store_root, ".isms-obj", /*create=*/true, &dir); !s.is_ok()) return s;
  const int fd = ::openat(dir, "lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  const int open_errno = errno;
  ::close(dir);
  // The lock is a plain file isms-obj makes. Anything else there (a link
  // somewhere else, a pipe) is never followed or waited on.
  if (fd < 0 && open_errno == ELOOP) {
    return Status::invalid_argument(
        trf("{} is a symbolic link; the lock is a plain file isms-obj makes: remove the link", path.string()));
  }
  if (fd < 0) return Status::io_error(trf("cannot open {}: {}", path.string(), std::strerror(open_errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::invalid_argument(
        trf("{} is not a plain file; the lock is a plain file isms-obj makes: remove what is there", path.string()));
  }

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds(5);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const int e = errno;
      ::close(fd);
      return Status::io_error(trf("cannot lock {}: {}", path.string(), std::strerror(e)));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string who = read_all(fd);
      ::close(fd);
      return Status::conflict(trf("the store is locked by {}; gave up after {} ms (lock file {})",
                                          who.empty() ? std::string(tr("another process")) : who, timeout.count(),
                                          path.string()));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
  out->fd_ = fd;
  out->previous_ = read_all(fd);
  const std::string line = std::string(holder) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, line.data(), line.size(), 0) < 0) {
    // The description is a courtesy to waiters; the lock itself is held.
  }
  return Status::ok();
}

}  // namespace isms
