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
//   confirmations/<year>/q<Q>/<unit>.yaml                權責主管's confirmation of the results
//   confirmations/<year>/q<Q>/<unit>.<n>.yaml            confirmation n of amended results (n ≥ 2)
//   reviews/<year>/q<Q>/<unit>.yaml                      quarterly review
//   reviews/<year>/q<Q>/<unit>.<n>.yaml                  correction n (n ≥ 2)
//   referrals/<year>/<unit>/<objective>.yaml             corrective action
//   referrals/<year>/<unit>/<objective>.<n>.yaml         later referral n (n ≥ 2)
//
// Hidden entries (.git, .isms-obj, …) and non-YAML files are ignored;
// symbolic links are reported and never followed.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "isms/base/status.h"
#include "isms/sys/env.h"

namespace isms {

enum class RecordKind { Config, Setting, Approval, Result, Review, Referral, Confirmation };
inline constexpr RecordKind kAllRecordKinds[] = {RecordKind::Config,   RecordKind::Setting,
                                                 RecordKind::Approval, RecordKind::Result,
                                                 RecordKind::Review,   RecordKind::Referral,
                                                 RecordKind::Confirmation};

// "config", "setting", …: the schema's file stem and the records' `kind`.
std::string_view record_kind_name(RecordKind kind);

inline constexpr std::string_view kConfigFileName = "isms-obj.yaml";

// Resolves the store root: `flag` (--store) if given, else `variable`
// ($ISMS_OBJ_STORE) if non-empty, else the nearest directory at or above
// `cwd` that holds isms-obj.yaml. The caller supplies all three, so the
// library never consults the process environment. NotFound when none.
Status discover_store(Env& env, const std::optional<std::filesystem::path>& flag,
                      const std::optional<std::string>& variable, const std::filesystem::path& cwd,
                      std::filesystem::path* root);

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
  // A scope of the configuration alone covers no year and no unit (no
  // deadline is judged on it).
  bool covers_year(int year) const { return !config_only && (years.empty() || years.count(year) > 0); }
  bool covers_unit(std::string_view unit) const {
    return !config_only && (units.empty() || units.count(std::string(unit)) > 0);
  }
  bool covers(int year, std::string_view unit) const { return covers_year(year) && covers_unit(unit); }
  bool covers(const RecordPath& p) const;
  // Whether a store directory (store-relative, no trailing slash) may hold
  // records in scope.
  bool may_hold(std::string_view dir) const;
};

}  // namespace isms
