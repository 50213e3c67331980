// The store: a directory with isms-obj.yaml at its root and one small YAML
// file per record, laid out so that a path says who owns it (see
// docs/formats.md):
//
//   isms-obj.yaml                                        configuration
//   units/<unit>/<year>/setting.yaml                     ISMS-P-005-01 table
//   units/<unit>/<year>/results/q<Q>/<objective>.yaml    ISMS-P-005-02 result
//   units/<unit>/<year>/results/q<Q>/<objective>.<n>.yaml   amendment n (n ≥ 2)
//   approvals/<year>/<unit>/r<revision>.yaml             CISO decision
//   approvals/<year>/<unit>/r<revision>.<n>.yaml         later decision n (n ≥ 2)
//   reviews/<year>/q<Q>/<unit>.yaml                      quarterly review
//   referrals/<year>/<unit>/<objective>.yaml             corrective action
//   referrals/<year>/<unit>/<objective>.<n>.yaml         later referral n (n ≥ 2)
//
// Hidden entries (.git, .isms-obj, …) and non-YAML files are ignored;
// symbolic links are reported and never followed.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "isms/diagnostic.h"
#include "isms/fsutil.h"
#include "isms/model.h"
#include "isms/schema.h"
#include "isms/status.h"
#include "isms/yaml.h"

namespace isms {

inline constexpr std::string_view kConfigFileName = "isms-obj.yaml";

// Resolves the store root: `flag` (--store) if given, else `env`
// ($ISMS_OBJ_STORE) if non-empty, else the nearest directory at or above
// `cwd` that holds isms-obj.yaml. The caller supplies all three, so the
// library never consults the process environment. NotFound when none.
Status discover_store(const std::optional<std::filesystem::path>& flag, const std::optional<std::string>& env,
                      const std::filesystem::path& cwd, std::filesystem::path* root);

// What a store-relative path means under the layout above.
struct RecordPath {
  RecordKind kind = RecordKind::Config;
  int year = 0;
  int quarter = 0;
  int revision = 0;
  int sequence = 1;
  std::string unit, objective;
};
// nullopt when the path is not a record path.
std::optional<RecordPath> classify_path(std::string_view rel);
// The year a directory name stands for in the layout (four digits,
// 2000–2200), or nullopt.
std::optional<int> year_directory(std::string_view name);
// Whether `s` is a unit id (so it can name a directory of the store).
bool is_unit_id(std::string_view s);

// The canonical path of a record, inverse of classify_path.
std::string record_path(const RecordPath& p);

// The part of a store a command needs. A scoped load reads only the records
// of the given years and units, and the configuration, and never lists the
// directories of other years and units, so one unit's quarter costs the same
// in a store of ten units as in one of two thousand.
//
// Every rule check_store applies to a record reads only records of the same
// unit and year (and the configuration), so a record in scope gets exactly
// the diagnostics a full load would give it; checks that walk the
// configuration's list of units (deadlines) are limited to the scope's
// units. Paths outside the layout are only reported by a full load.
struct LoadScope {
  std::set<int> years;             // empty: every year
  std::set<std::string> units;     // empty: every unit
  bool referrals_every_year = false;  // referrals of the scope's units, of any year

  bool config_only = false;  // isms-obj.yaml alone: no record directory is listed

  static LoadScope configuration() {
    LoadScope s;
    s.config_only = true;
    return s;
  }
  bool everything() const { return !config_only && years.empty() && units.empty(); }
  bool covers_year(int year) const { return years.empty() || years.count(year) > 0; }
  bool covers_unit(std::string_view unit) const { return units.empty() || units.count(std::string(unit)) > 0; }
  bool covers(int year, std::string_view unit) const { return covers_year(year) && covers_unit(unit); }
  bool covers(const RecordPath& p) const;
  // Whether a store directory (store-relative, no trailing slash) may hold
  // records in scope.
  bool may_hold(std::string_view dir) const;
};

struct SourceFile {
  std::string path;  // store-relative
  RecordPath where;
  YamlNode root;
};

// A record file as load_store read it: its stamp before reading and the
// SHA-256 of the bytes read. Kept only when Store::keep_stamps is set.
struct ReadFile {
  std::string path;
  FileStamp stamp;
  std::string sha256;
};

struct Store {
  std::filesystem::path root;
  LoadScope scope;  // what load_store was asked to read
  bool keep_stamps = false;  // set before load_store to have `read_files` filled
  // Set before load_store to cache the configuration's parsed tree in
  // .isms-obj/cache/config, keyed by this and the file's SHA-256: the one
  // large file of a large store, read by every command. Identifies the
  // parser (cli: the executable's stamp); empty: no cache.
  std::string cache_tool_id;
  std::vector<ReadFile> read_files;  // every record file read, in listing order
  std::vector<std::unique_ptr<SourceFile>> sources;  // stable addresses: records point into them
  std::size_t files_checked = 0;

  std::optional<Config> config;  // absent when isms-obj.yaml is not schema-valid
  std::vector<SettingTable> settings;
  std::vector<Approval> approvals;
  std::vector<Result> results;
  std::vector<Review> reviews;
  std::vector<Referral> referrals;

  const SettingTable* setting(int year, std::string_view unit) const;
  // The result on record for one objective and quarter: the amendment with
  // the highest sequence, or the original; nullptr when none was recorded.
  const Result* latest_result(int year, std::string_view unit, std::string_view objective, int quarter) const;
  // A unit-year's approvals ordered by (revision, sequence).
  const std::vector<const Approval*>& approvals_for(int year, std::string_view unit) const;

  // Lookups above go through an index built on first use. Whatever changes
  // the record vectors calls changed() (load_store and put_* do), since the
  // index points into them.
  void changed() const { index_.reset(); }

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
Status load_store(const std::filesystem::path& root, Store* store, Diagnostics& diags,
                  const LoadScope& scope = {});

// The problems a listing alone shows: symbolic links, YAML files outside the
// layout, a missing configuration.
void check_listing(const Listing& listing, Diagnostics& diags);

}  // namespace isms
