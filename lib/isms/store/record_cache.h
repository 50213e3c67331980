// The record cache: what the loading pipeline made of each record file
// (strict YAML, schema, path agreement, typed record), kept between runs in
// `.isms-obj/cache/records/<year>/<unit>` (git-ignored), so that a file is
// parsed once in its life, not once per command.
//
// One cache file holds one unit-year: every record file of that unit and
// year, wherever the layout puts it (its table, results, approvals,
// reviews, confirmations, referrals). A command loads only the unit-years
// in its scope, so it reads only their cache files.
//
// An entry is used only when it cannot be stale:
//   * the cache file was written under the same key: the executable that
//     wrote it (its stamp, so a rebuild or another version never reads
//     another's entries) and this file format;
//   * a file with diagnostics: they were written in the message catalog in
//     use now (a file without any is the same in every language);
//   * the file's stamp now (size, mtime, ctime, inode, device) equals the
//     stamp it had when it was read, and its mtime and ctime are more than
//     kRacySeconds before that run began (git's "racy" rule: a write in the
//     same clock tick as the read could otherwise keep the stamp); or else
//     the file is read again and its SHA-256 is the one recorded (a touched
//     file costs a read and a hash, not a parse).
// Anything else is built afresh, and the unit-year's cache file rewritten.
//
// A cache file begins with its key and the SHA-256 of its body, both
// checked before the body is decoded; a damaged, truncated or foreign file
// fails one of them and only makes its unit-year cold. The configuration
// has a cache file of its own (kConfigRecordCache). Cache files are written to a temporary file and renamed,
// never fsynced: concurrent runs see one whole file or the other, a crash
// may lose one, never tear it. The cache holds one entry per record file
// that exists (entries of removed files are dropped when their unit-year is
// next written), so it grows with the store, not with the number of runs;
// one unit-year's file is never written above kMaxRecordCacheBytes.
// `--no-cache` neither reads nor writes it; removing `.isms-obj/cache`
// clears it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/store/model.h"
#include "isms/sys/env.h"

namespace isms {

inline constexpr std::string_view kRecordCacheDir = ".isms-obj/cache/records";
inline constexpr std::string_view kConfigRecordCache = ".isms-obj/cache/records/config";
inline constexpr int kRacySeconds = 2;
inline constexpr std::size_t kMaxRecordCacheBytes = std::size_t{64} << 20;

// A file's typed record; monostate when the file has errors.
using BuiltRecord = std::variant<std::monostate, Config, SettingTable, Approval, Result, Review, Referral, Confirmation>;

// One record file as the loading pipeline left it.
struct CachedFile {
  std::string path;  // store-relative
  FileStamp stamp;   // taken before its bytes were read
  std::string sha256;
  std::vector<Diagnostic> diagnostics;  // the file's own: YAML, schema, path, values
  bool parsed = false;                  // it was read as a YAML tree (Store::sources lists it)
  BuiltRecord record;
};

// One unit-year's cache file.
struct RecordCacheFile {
  std::string key;
  std::string catalog;         // the message catalog's header (base/i18n catalog_header) of the diagnostics
  std::uint64_t clock_ns = 0;  // the file system's time when the run that read the files began
  std::vector<CachedFile> files;
};

// The key of cache files made by the executable `tool_id`; empty (no
// cache) for an empty `tool_id`.
std::string record_cache_key(const std::string& tool_id);

// `.isms-obj/cache/records/<year>/<unit>`.
std::string record_cache_path(int year, std::string_view unit);

// Whether a file whose stamp was `was` when a run beginning at `clock_ns`
// read it, and is `now`, certainly still holds what that run read.
bool unchanged_by_stamp(const FileStamp& was, std::uint64_t clock_ns, const FileStamp& now);

// Whether an entry of `in` may stand for its file's diagnostics now, with
// messages from the catalog `catalog` (its stamp or content checked apart).
bool usable(const CachedFile& f, const RecordCacheFile& in, std::string_view catalog);

// The cache file at `rel`, when it is whole and was written under `key`;
// nullopt for anything else (missing, damaged, another key).
std::optional<RecordCacheFile> read_record_cache(Env& env, const std::filesystem::path& root, std::string_view rel,
                                                 const std::string& key);

// The cache file's bytes (exposed for tests that damage them).
std::string encode_record_cache(const RecordCacheFile& file);
std::optional<RecordCacheFile> decode_record_cache(std::string_view bytes);

// Every cache file of the store is written through this: atomically (a
// temporary file renamed over it), not synced, failures ignored (a cache
// that cannot be written only leaves the next run cold). The first write
// marks `.isms-obj/cache/` as a cache: a `.gitignore` of `*`, so that git
// leaves it out whatever the store's own .gitignore says (init writes one,
// but a store may keep its own), and a `CACHEDIR.TAG` for backup tools.
inline constexpr std::string_view kCacheDir = ".isms-obj/cache";
void write_cache_file(Env& env, const std::filesystem::path& root, std::string_view rel, std::string_view bytes);

// Writes the cache file (temporary file renamed over it, not synced).
// Failures (a read-only store, a full disk) are ignored: a cache that
// cannot be written only leaves the next run cold.
void write_record_cache(Env& env, const std::filesystem::path& root, std::string_view rel,
                        const RecordCacheFile& file);

}  // namespace isms
