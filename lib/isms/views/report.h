// The report's model (ISMS-P-005 §5.6 management review, forms 005-01 and
// 005-02): computed once from the store for a year and a quarter, then
// rendered by render/report.h in every format. Nothing here formats text.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "isms/rules/forecast.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/measure.h"
#include "isms/rules/revision.h"
#include "isms/store/store.h"
#include "isms/store/summary_cache.h"

namespace isms {

// What the report shows of a year before the reported one, for one unit:
// its achievement over the whole year (objectives met or on track, of those
// judged, at Q4 of the approval in force then), and the cumulative through
// Q4 of each objective of that approval (the next year's 去年實績).
struct UnitYearFacts {
  int achieved = 0, judged = 0;
  std::map<std::string, Cumulative> cumulative;  // by objective id
  bool operator==(const UnitYearFacts&) const = default;
};
using YearFacts = std::map<std::string, UnitYearFacts>;  // by unit id, every unit of the configuration

// The facts of `year`, from a store that holds that year.
YearFacts year_facts(const Store& store, int year);

// The facts of `year` of the units in `units` (every unit when empty), the
// only records read being that year's (LoadScope{{year}, units}). Taken
// from the summary cache (store/summary_cache.h) when it holds them for
// exactly the files in that scope now; otherwise `load` loads a store with
// the options it is given (the cache's listing already made; the caller
// reports what goes wrong and returns false, and so does this), the facts
// are computed and, for every unit, kept. `tool_id` as in
// LoadOptions::cache_tool_id: empty reads and keeps nothing. `given`: the
// snapshot of that scope made already (snapshot_scopes, under
// year_facts_summary(year, units)), so that several years are listed at
// once; it must outlive the call.
bool earlier_year_facts(Env& env, const std::filesystem::path& root, const std::string& tool_id, int year,
                        const std::set<std::string>& units,
                        const std::function<bool(const LoadOptions&, Store*)>& load, YearFacts* out,
                        const ScopeSnapshot* given = nullptr);

// The summary a year's facts are kept under; empty (none is kept) for some
// units: kept, their facts would replace those of every unit, which the
// next whole report needs.
std::string year_facts_summary(int year, const std::set<std::string>& units);

// The summary cache's body for the facts, and back (nullopt for anything
// encode_year_facts did not write).
std::string encode_year_facts(const YearFacts& facts);
std::optional<YearFacts> decode_year_facts(std::string_view body);

struct ReportOptions {
  int year = 0;
  int through = 4;                  // the last quarter reported
  std::optional<Date> due_as_of;    // set when `through` is the last quarter due on that day (no --quarter)
  std::optional<std::string> unit;  // one unit, or all
  Language language = Language::ZhTW;
  Calendar calendar = Calendar::Roc;
  // The first year of the multi-year trend (Report::trend); 0 for none.
  int trend_from = 0;
  // The facts of the years before `year` the report shows (the year before,
  // and the trend's from trend_from), each computed from a store of its own
  // (earlier_year_facts), so that a large store need not hold six years at
  // once. A year missing here is computed from the store build_report is
  // given, which must then hold it.
  std::map<int, YearFacts> earlier;
};

// One year of the trend: the share of objectives with data that were
// achieved (met or on track), for the full year of an earlier year and
// through the reported quarter for the report's own year.
struct YearRate {
  int year = 0;
  int through = 4;
  int achieved = 0, judged = 0;
  std::optional<Decimal> rate;  // none when nothing was judged that year
};

// 去年實績 with the period it covers: last year's cumulative from the
// records when there are any (the complete year once its Q4 is on file),
// else the figure the setting table declares.
struct LastYear {
  std::optional<Decimal> value;
  int year = 0;
  int through = 0;            // the quarter it is cumulated through; 0 when the table does not say
  bool from_records = false;  // false: the table's last_year_actual
};

struct ObjectiveReport {
  std::string id;
  const Objective* definition = nullptr;  // in force at the last reported quarter (approval snapshot)
  // Its 005-01 columns as approved: the snapshot's when the approval holds
  // the whole form, else the table's when its content is still what was
  // approved, else the table's as it is now (UnitReport::columns_unapproved).
  const Objective* listed = nullptr;
  const Approval* dropped_by = nullptr;   // the revision in force at `through` no longer has it; its
                                          // results stay, it counts toward no total
  ObjectiveYear year;                     // judged through `through`
  QuarterStatus status = QuarterStatus::NoData;  // of the last reported quarter (no data without its result)
  Forecast forecast;
  std::vector<const Referral*> referrals;
  std::optional<Decimal> last_year_cumulative;  // for trends: last year's cumulative of the same objective
  LastYear last_year;                            // what the summary and 005-02 show as 去年實績
};

// A difference between the table as it is and the revision in force.
using PendingChange = RevisionChange;

struct UnitReport {
  std::string id, name;
  TableLifecycle table;
  const Approval* in_force = nullptr;  // at the last reported quarter
  // The form's footer as approved (from the snapshot, or from the table when
  // its content is what was approved).
  std::string compiled_by, supervisor;
  std::optional<Date> updated;
  // The approval in force holds only the measurement fields and the table
  // has changed since: the other columns shown are the table's as it is now.
  bool columns_unapproved = false;
  // The table's changes awaiting a decision (when its content is not the
  // revision in force); for an approval without the whole form, only
  // measurement changes can be named (`changes_partial`).
  int pending_revision = 0;
  std::vector<PendingChange> pending;
  bool changes_partial = false;
  std::vector<ObjectiveReport> objectives;
  std::array<const Review*, 4> reviews{};
  // The fingerprints of the keys the approval in force and each review were
  // signed with (rules/signature.h signing_keys); empty when unsigned.
  std::string approval_keys;
  std::array<std::string, 4> review_keys{};
  // The unit head's latest confirmation of each quarter's results (權責主管),
  // whether it still covers the results on record, and its keys.
  std::array<const Confirmation*, 4> confirmations{};
  std::array<bool, 4> confirmed{};
  std::array<std::string, 4> confirmation_keys{};
  int counted = 0;  // objectives in force at the reported quarter (not those dropped)
  int met = 0, not_met = 0, on_track = 0, no_data = 0, no_events = 0;  // no_events: 本季無事件, not judged
  std::optional<Decimal> achievement;            // (met + on track) ÷ objectives with data × 100
  std::optional<Decimal> last_year_achievement;  // the same for last year's Q4
  std::vector<YearRate> trend;  // the years of Report::trend, this unit's rates
};

// A person as forms name them.
struct PersonNames {
  std::string name, name_en;
};

struct Report {
  ReportOptions options;
  std::string organisation;          // in the report's language
  std::string org_name, org_name_en;  // both, for form headers
  std::map<std::string, PersonNames> people;  // every person of the configuration, by id
  std::map<std::string, std::string> unit_names;  // every unit of the configuration, by id, in the report's language
  std::vector<UnitReport> units;
  int objectives = 0, met = 0, not_met = 0, on_track = 0, no_data = 0, no_events = 0, approved_tables = 0, tables = 0;
  std::optional<Decimal> achievement, last_year_achievement;
  // From ReportOptions::trend_from (or the first later year with anything
  // judged) to the report's year, oldest first; empty without trend_from.
  std::vector<YearRate> trend;
};

Report build_report(const Store& store, const ReportOptions& options);

// The last quarter of `year` whose results are due by `today` (the quarter's
// last day + policy.results_due_days), 0 when none is: what a report shows
// unless asked for another quarter.
int last_due_quarter(const Policy& policy, int year, const Date& today);

}  // namespace isms
