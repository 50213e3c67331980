// File-system primitives with the store's safety rules.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "isms/status.h"

namespace isms {

// Reads at most `max_bytes` + 1 bytes, so a caller can tell "too large"
// without reading a huge file into memory. `*truncated` is set when the file
// is larger than `max_bytes` (then `out` holds only the first part).
Status read_file_bounded(const std::filesystem::path& path, std::size_t max_bytes, std::string* out,
                         bool* truncated);

// Writes `content` to `path` atomically, creating missing parent
// directories: a temporary file in the same directory, fsync, rename over the target, fsync of the directory. Fails
// with Conflict instead of replacing when `exclusive` and `path` exists.
Status write_file_atomic(const std::filesystem::path& path, std::string_view content, bool exclusive);

// Test hook for crash consistency: makes the process exit abruptly (status
// 86, no cleanup, like a kill) at a step of write_file_atomic. `spec` is
// "STEP" or "STEP:N" (the N-th write of the process, from 1); steps are
// temp-written (content written, not yet synced), before-rename (synced,
// not yet renamed), after-rename (renamed, directory not yet synced). An
// empty spec disarms it. The command line arms it from $ISMS_OBJ_FAULT.
void set_fault_injection(std::string spec);

// A store directory listing: regular files in sorted order (byte order of
// the '/'-separated relative path), hidden entries (a name starting with
// '.') skipped, symbolic links reported in `symlinks` and never followed.
struct Listing {
  std::vector<std::string> files;
  std::vector<std::string> symlinks;
};
Status list_store_files(const std::filesystem::path& root, Listing* out);

}  // namespace isms
