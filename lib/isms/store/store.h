// The store as loaded: the configuration and every record in scope, typed,
// with lookups by unit, year, objective and quarter; and the loading
// pipeline that fills it (strict YAML, schema, path agreement, typed
// records). Where records live is store/layout.h.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/format/yaml.h"
#include "isms/store/layout.h"
#include "isms/store/model.h"
#include "isms/store/schema.h"
#include "isms/sys/env.h"

namespace isms {

struct SourceFile {
  std::string path;  // store-relative
  RecordPath where;
  YamlNode root;
};

// A record file as load_store read it: its stamp before reading and the
// SHA-256 of the bytes read. Kept only with LoadOptions::keep_stamps.
struct ReadFile {
  std::string path;
  FileStamp stamp;
  std::string sha256;
};

// What load_store reads and keeps (after leveldb's options.h): an argument,
// never state set on the Store beforehand.
struct LoadOptions {
  LoadScope scope;           // what to read (default: everything)
  bool keep_stamps = false;  // fill Store::read_files
  // Keep each setting table's YAML tree (Store::tree), which only a command
  // revising a table needs; decoding them is a good part of a warm load.
  bool keep_trees = false;
  // Keep and consult the record cache (store/record_cache.h), keyed by
  // this: what identifies the pipeline that built the records (cli: the
  // executable's stamp). Empty: every file is read and parsed, and no cache
  // is read or written.
  std::string cache_tool_id;
  // A listing of the whole store the caller made already (validate lists
  // once and loads a year at a time): load_store takes the files in scope
  // from it instead of listing again. With a cache it must hold stamps, and
  // `listed_at_ns` must be the file system's time read before it was made
  // (the racy rule, store/record_cache.h); otherwise load_store lists.
  const Listing* listing = nullptr;
  std::uint64_t listed_at_ns = 0;
};

// A loaded store: data only.
struct Store {
  std::filesystem::path root;
  LoadScope scope;  // what load_store was asked to read
  // The record kinds whose JSON Schema the store keeps for editors
  // (.isms-obj/schemas/<kind>.schema.json, as init writes them): written
  // records name it in a modeline.
  std::set<RecordKind> editor_schemas;
  // These two are in load order (by unit-year, then path: the same on
  // every run, but not path order).
  std::vector<ReadFile> read_files;  // with LoadOptions::keep_stamps: every record file read
  std::vector<std::unique_ptr<SourceFile>> sources;  // every record file loaded (trees: settings only)
  std::size_t files_checked = 0;
  std::size_t files_cached = 0;  // of those, how many came from the record cache (store/record_cache.h)

  std::optional<Config> config;  // absent when isms-obj.yaml is not schema-valid
  std::vector<SettingTable> settings;
  std::vector<Approval> approvals;
  std::vector<Result> results;
  std::vector<Review> reviews;
  std::vector<Referral> referrals;
  std::vector<Confirmation> confirmations;

  const SettingTable* setting(int year, std::string_view unit) const;
  // The YAML tree a setting table was read from (`set` revises a table by
  // editing it; loaded with LoadOptions::keep_trees); nullptr for any other
  // path. Other records keep no tree.
  const YamlNode* tree(std::string_view rel) const;
  // The result on record for one objective and quarter: the amendment with
  // the highest sequence, or the original; nullptr when none was recorded.
  const Result* latest_result(int year, std::string_view unit, std::string_view objective, int quarter) const;
  // The review of a unit's quarter in force: the correction with the highest
  // sequence, or the original; nullptr when none is on record.
  const Review* latest_review(int year, int quarter, std::string_view unit) const;
  // The unit head's confirmation of a quarter in force: the one with the
  // highest sequence; nullptr when none is on record.
  const Confirmation* latest_confirmation(int year, int quarter, std::string_view unit) const;
  // Every confirmation of a unit's quarter, by sequence.
  const std::vector<const Confirmation*>& confirmations_for(int year, int quarter, std::string_view unit) const;
  // A unit-year's approvals ordered by (revision, sequence).
  const std::vector<const Approval*>& approvals_for(int year, std::string_view unit) const;
  // The referrals of one objective of a unit-year, in the vector's order (path order once loaded).
  const std::vector<const Referral*>& referrals_for(int year, std::string_view unit, std::string_view objective) const;

  // Lookups above go through an index built on first use. Whatever changes
  // the record vectors calls changed() (load_store and put_* do), since the
  // index points into them. Several threads may look up at once only once
  // the index exists: call prepare_lookups() before sharing the store.
  void changed() const { index_.reset(); }
  void prepare_lookups() const { index(); }

 private:
  struct Index;
  const Index& index() const;
  mutable std::shared_ptr<const Index> index_;
};

// Runs one file's bytes through the loading pipeline (strict YAML, schema,
// path agreement, typed record) and puts the record into `store`, replacing
// whatever was loaded from `rel` before. Commands use it to check what they
// are about to write exactly as validate will check it once written. Returns
// false when the file has errors (then no record for `rel` remains).
bool put_source(Store* store, const std::string& rel, std::string_view bytes, Diagnostics& diags);
// The same with a caller's validator: building one compiles every schema,
// so callers putting many files keep one (one per thread).
bool put_source(Store* store, SchemaValidator& validator, const std::string& rel, std::string_view bytes,
                Diagnostics& diags);
// The same for a tree built in memory (its marks point wherever it came from).
bool put_tree(Store* store, const std::string& rel, YamlNode tree, Diagnostics& diags);

// Record counts per year, for a quick picture of a store.
struct YearSummary {
  int year = 0;
  int tables = 0, objectives = 0, approvals = 0, results = 0, reviews = 0;
  int referrals_open = 0, referrals_closed = 0;
};
std::vector<YearSummary> summarize(const Store& store);  // ascending years

// Loads every record under `root` (or those in `scope`): strict YAML, schema
// validation, typed records, and path/content agreement. Every problem goes
// to `diags`; a file with problems contributes no record. Returns an IoError
// status only when the store itself cannot be read (missing root,
// unreadable directory).
//
// A full load also reports what the listing alone shows (check_listing); a
// scoped load reports only the records it reads.
Status load_store(Env& env, const std::filesystem::path& root, const LoadOptions& options, Store* store,
                  Diagnostics& diags);

// The files load_store could not read among its diagnostics `load_diags`:
// every file but the configuration with an error there (its record, or a
// field of it, is missing from the store; a symbolic link or a file outside
// the layout was not read at all). Their errors are appended to `*errors`;
// returns how many files. Commands that compute from the records refuse
// when it is not 0, so that nothing unreadable is shown as "no data".
std::size_t unreadable_files(const Diagnostics& load_diags, Diagnostics* errors);

// The problems a listing alone shows: symbolic links, YAML files outside the
// layout, a missing configuration.
void check_listing(const Listing& listing, Diagnostics& diags);

}  // namespace isms
