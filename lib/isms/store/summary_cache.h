// The summary cache: a small fact computed from every record of a scope
// (one year's achievement per unit, say), kept between runs in
// `.isms-obj/cache/summaries/<name>` so that a command needing only that
// fact of a scope does not load the scope's records again.
//
// A summary stands for the records only while the files of its scope are
// exactly those it was computed from. It is kept under a fingerprint: the
// SHA-256 of the record cache key (this executable: a rebuild never reads
// another's summaries), the summary's name and scope, and every record
// file in the scope with its stamp (size, mtime, ctime, inode, device), as
// the listing made before the records were read took it. A file added,
// removed, renamed or written (a write changes the ctime even when it
// keeps the size and the mtime) changes the fingerprint. A summary is
// written only when every file's mtime and ctime are more than
// kRacySeconds before that listing began (git's racy rule, as in
// record_cache.h): a write in the same clock tick as the listing could
// otherwise keep a stamp. A directory's mtime is never trusted (an edit in
// place does not change it): every file of the scope is stamped, and the
// summary saves the reading, decoding and computing.
//
// The file is its magic line, the fingerprint and the SHA-256 of the body
// (hex), a newline, then the body; anything else reads as no summary.
// Written like every cache file (write_cache_file: renamed into place, not
// synced, failures ignored). `--no-cache` (an empty tool id) neither reads
// nor writes summaries.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "isms/store/layout.h"
#include "isms/store/store.h"
#include "isms/sys/env.h"

namespace isms {

inline constexpr std::string_view kSummaryCacheDir = ".isms-obj/cache/summaries";
inline constexpr std::size_t kMaxSummaryBytes = std::size_t{16} << 20;

// A scope's files as one stamped listing saw them.
struct ScopeSnapshot {
  std::string name;               // the summary's, a store-relative path below kSummaryCacheDir
  Listing listing;                // the directories the scope may hold, stamped
  std::uint64_t listed_at_ns = 0; // the file system's time read before the listing
  std::string fingerprint;        // empty: no summary may be read or written (see listing_fingerprint)
  // No file of the scope is too recent to trust its stamp (listing_fingerprint
  // then made a fingerprint).
  bool trusted() const { return !fingerprint.empty(); }
};

// Summary bodies are text a record per line, each field followed by one
// space; strings are length-prefixed ("3:abc"), so any id can be one.
class SummaryWriter {
 public:
  SummaryWriter& word(std::string_view w);  // a fixed word: no space, no newline
  SummaryWriter& text(std::string_view s);
  SummaryWriter& number(std::int64_t v);
  SummaryWriter& line();  // ends a record
  std::string body() && { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what a SummaryWriter wrote. Every read past a mismatch fails too:
// check ok() (or done()) once at the end.
class SummaryReader {
 public:
  explicit SummaryReader(std::string_view body) : rest_(body) {}
  // Consumes the word if it is the next field; `expect` fails otherwise.
  bool accept(std::string_view w);
  void expect(std::string_view w) {
    if (!accept(w)) ok_ = false;
  }
  std::string text();
  std::int64_t number(std::int64_t lo, std::int64_t hi);
  void line();
  bool ok() const { return ok_; }
  // Everything read, and nothing left.
  bool done() const { return ok_ && rest_.empty(); }

 private:
  bool field_end();
  std::string_view rest_;
  bool ok_ = true;
};

// A summary of `scope` kept under `name` (none when `name` is empty, and
// none without a cache: `tool_id` empty). When the summary of the files in
// the scope now is kept and `take` accepts its body, that is all. Otherwise
// `load` loads a store of the scope (with the snapshot's listing; it
// reports what goes wrong and returns false, and so does this) and `make`
// derives the caller's facts from it and returns the body to keep, if any
// (nullopt: nothing is kept, the facts being good for this run alone).
// `given`: the scope's snapshot, made already (snapshot_scopes) under the
// name (`name` is then not used); it must outlive the call.
bool summarised(Env& env, const std::filesystem::path& root, const std::string& tool_id, const LoadScope& scope,
                std::string name, const std::function<bool(std::string_view body)>& take,
                const std::function<bool(const LoadOptions&, Store*)>& load,
                const std::function<std::optional<std::string>(const Store&)>& make,
                const ScopeSnapshot* given = nullptr);

// The SHA-256 of `prefix`, then every file of `listing` that `keep` keeps
// (every file without it) with its stamp, and every link, in the listing's
// order. Empty when the listing has no stamps, or when a kept file's mtime
// or ctime is within kRacySeconds of `clock_ns` (the file system's time
// read before the listing was made: git's racy rule): a later write in the
// same clock tick could keep such a stamp, so it proves nothing.
std::string listing_fingerprint(const Listing& listing, std::uint64_t clock_ns, std::string prefix,
                                const std::function<bool(std::string_view path)>& keep = {});

// Lists `scope` (stamped) and fingerprints its record files (a snapshot
// without a name has none: nothing is kept of it). Without a cache (`tool_id` empty), or when the store cannot be listed, the snapshot
// has no fingerprint and no listing: a load lists (and reports) for itself.
ScopeSnapshot snapshot_scope(Env& env, const std::filesystem::path& root, const LoadScope& scope,
                             const std::string& tool_id, std::string name);

// What snapshot_scope gives each of `scopes` (a scope and its summary's
// name), from one stamped listing of every directory any of them may hold:
// each snapshot has the files and links a listing of its scope alone has,
// and the same fingerprint. The fingerprints are made in parallel. A scope
// with an empty name gets its listing and no fingerprint (nothing is kept
// of it); its listing serves a load (load_options_from).
std::vector<ScopeSnapshot> snapshot_scopes(Env& env, const std::filesystem::path& root,
                                           const std::vector<std::pair<LoadScope, std::string>>& scopes,
                                           const std::string& tool_id);

// `options` with the snapshot's listing, so that the records loaded are
// those of the files it fingerprinted (and the record cache judges them by
// the same stamps); `options` unchanged when the snapshot has no listing.
LoadOptions load_options_from(const ScopeSnapshot& snapshot, LoadOptions options);

// The body of the summary kept under the snapshot's fingerprint; nullopt
// when there is none (missing, damaged, another fingerprint, untrusted).
std::optional<std::string> read_summary(Env& env, const std::filesystem::path& root, const ScopeSnapshot& snapshot);

// Keeps `body` under the snapshot's fingerprint, when the snapshot is
// trusted; does nothing otherwise.
void write_summary(Env& env, const std::filesystem::path& root, const ScopeSnapshot& snapshot,
                   std::string_view body);

}  // namespace isms
