// File-system primitives with the store's safety rules: the POSIX side of
// the Env (sys/env.h), which is all the rest of the library uses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/status.h"
#include "isms/sys/env.h"

namespace isms {

// Reads at most `max_bytes` + 1 bytes, so a caller can tell "too large"
// without reading a huge file into memory. `*truncated` is set when the file
// is larger than `max_bytes` (then `out` holds only the first part).
Status read_file_bounded(const std::filesystem::path& path, std::size_t max_bytes, std::string* out,
                         bool* truncated);

// Whether `rel` is a store-relative path: '/'-separated components, none
// empty, '.' or '..' or holding NUL, not absolute (the empty path is the
// root itself).
bool is_store_relative(std::string_view rel);

// Store confinement. `rel` is a '/'-separated path below the store `root`
// (no empty, '.' or '..' components, not absolute). Every directory from the
// root down is opened with O_NOFOLLOW relative to its parent, so a symbolic
// link anywhere below the root (a linked `units/<unit>` or `.isms-obj`) is
// refused with InvalidArgument instead of being followed out of the store,
// and nothing can swap a link in between a check and the use. The root
// itself is the directory the user named and may be reached through a link.

// Opens directory `rel` (empty: the root) below `root`; with `create`,
// missing directories are made on the way. Returns the descriptor in `*fd`
// (the caller closes it).
Status open_store_dir(const std::filesystem::path& root, std::string_view rel, bool create, int* fd);

// read_file_bounded for the store file `rel`, confined as above.
Status read_store_file(const std::filesystem::path& root, std::string_view rel, std::size_t max_bytes,
                       std::string* out, bool* truncated);

// Reads many store files, confined as read_store_file, keeping the last
// directory open so files of one directory cost one open each. Not
// thread-safe: one per thread.
class StoreFileReader final : public StoreReader {
 public:
  explicit StoreFileReader(std::filesystem::path root) : root_(std::move(root)) {}
  ~StoreFileReader() override;
  StoreFileReader(const StoreFileReader&) = delete;
  StoreFileReader& operator=(const StoreFileReader&) = delete;
  // With `stamp`, also the file's stamp, taken before its bytes are read.
  Status read(std::string_view rel, std::size_t max_bytes, std::string* out, bool* truncated,
              FileStamp* stamp = nullptr) override;
  // The stamp of a store file (not following links).
  Status stamp(std::string_view rel, FileStamp* out) override;

 private:
  Status open_dir_of(std::string_view rel, std::string* name);
  std::filesystem::path root_;
  std::string dir_rel_;
  int dir_fd_ = -1;
};

// Writes `content` to the store file `rel` atomically, confined as above and
// creating missing directories: a temporary file in the same directory,
// fsync, rename over the target (or link, when `exclusive`), fsync of the
// directory. Fails with Conflict instead of replacing when `exclusive` and
// the file exists. Without `durable` nothing is fsynced: for caches, which
// may be lost in a crash but never torn.
Status write_store_file(const std::filesystem::path& root, std::string_view rel, std::string_view content,
                        bool exclusive, bool durable = true);

// The same for a file outside any store that the user named (a report's
// --output): its parent directories are created as given, links included.
Status write_file_atomic(const std::filesystem::path& path, std::string_view content, bool exclusive);

// Env::write_through_scratch on the real file system (a mkdtemp directory
// under std::filesystem::temp_directory_path()).
Status write_through_scratch(const std::function<Status(const std::filesystem::path& file)>& write,
                             std::size_t max_bytes, std::string* bytes);

// Test hook for crash consistency: makes the process exit abruptly (status
// 86, no cleanup, like a kill) at a step of write_file_atomic. `spec` is
// "STEP" or "STEP:N" (the N-th durable write of the process, from 1: cache
// writes are not counted); steps are
// temp-written (content written, not yet synced), before-rename (synced,
// not yet renamed), after-rename (renamed, directory not yet synced). An
// empty spec disarms it. The command line arms it from $ISMS_OBJ_FAULT.
void set_fault_injection(std::string spec);

// Removes the temporary files an interrupted write_store_file left below
// `root` (".NAME.tmp-XXXXXXXX"; links are not followed, .git is skipped) and
// lists them, store-relative, in `*removed`. Only safe under the store lock:
// every writer holds it while its temporary file exists.
Status sweep_temp_files(const std::filesystem::path& root, std::vector<std::string>* removed);

// `descend` (when given) decides, for each directory below the root by its
// store-relative path, whether to list it at all. With `stamp`, every file
// is stamped as it is listed. Files and links each come in the byte order of
// their paths. Subtrees are listed in parallel.
Status list_store_files(const std::filesystem::path& root, Listing* out,
                        const std::function<bool(std::string_view)>& descend = {}, bool stamp = false);

}  // namespace isms
