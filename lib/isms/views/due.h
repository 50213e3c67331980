// What is due or late across a store on a given day: the status view that
// people read and cron jobs alert on (ISMS-P-005 §5.3 deadline, §5.5.1
// quarterly results and review, §5.5.2 corrective action).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/date.h"
#include "isms/store/store.h"

namespace isms {

enum class DueState {
  Late,  // past its due date
  Due,   // coming due (within the horizon) or waiting on someone now
  Open,  // needs attention but has no date: pending re-approval, open referral
};
std::string_view to_string(DueState s);  // "late", "due", "open"

// Why an item is listed: what is missing or awaited. The renderer words it
// (render/status.h) from the item's facts; `to_string` is the stable name
// status JSON gives as `reason`.
enum class DueReason {
  NoTable,           // no setting table (ISMS-P-005-01)
  Draft,             // the table is still a draft
  Submitted,         // awaiting the CISO's decision
  Rejected,          // rejected by the CISO
  ChangesRequested,  // the CISO requested changes
  PendingReapproval, // a revision of an approved table awaits re-approval
  NoResults,         // results missing for `objectives`
  NoReview,          // no review (審核意見) recorded for the quarter
  ReferralDue,       // `objectives`[0] missed in `quarters`: ISMS-P-008 referral owed
  ReferralOpen,      // `objectives`[0]'s corrective action open since `since`
};
std::string_view to_string(DueReason r);  // "no-table", "draft", ..., "referral-open"

struct DueItem {
  DueState state = DueState::Due;
  std::string kind;  // setting, results, review, referral
  int year = 0;
  int quarter = 0;   // 0 when not about a quarter
  std::string unit;
  std::optional<Date> due;
  std::string path;     // the record concerned, when there is one
  DueReason reason = DueReason::NoTable;
  // The facts the reason is worded from.
  int revision = 0;   // tables: the table's revision
  int in_force = 0;   // tables: the approved revision that stays in force (0: none)
  std::vector<std::string> objectives;  // results missing; the referral's objective
  std::vector<int> quarters;            // a referral owed: the quarters missed
  std::optional<Date> since;            // an open referral: raised on
  std::string case_number;              // an open referral: its ISMS-P-008 case, if any
  std::string unit_name;  // the unit's name in the configuration; empty when it has none
};

// How many items are in each state.
struct DueCounts {
  std::size_t late = 0, due = 0, open = 0;
};
DueCounts count_due(const std::vector<DueItem>& items);

// Every item as of `today`, sorted by state (late first), due date, kind,
// unit. Tables for next year appear from `horizon_days` before their due
// date; quarters from the day after they end. Years before last year are
// history (retention-check looks at those).
// The items of a year's quarters that `earlier` holds are taken from it
// instead of from the store (earlier_quarter_items), which then need not
// hold that year.
std::vector<DueItem> due_items(const Store& store, const Date& today, int horizon_days = 30,
                               const std::map<int, std::vector<DueItem>>& earlier = {});

// The items owed for the quarters of `year` that have ended by `today`,
// in (quarter, unit) order; none for a year the policy no longer keeps.
// They read only that year's records and the configuration.
std::vector<DueItem> year_quarter_items(const Store& store, const Date& today, int year);

// The last day on which the items of `year`'s quarters may depend on the
// day: after it every quarter has ended and every deadline of its results
// and reviews has passed.
Date quarters_settle(const Policy& policy, int year);

// The items of `year`'s quarters as of `today`, the only records read being
// that year's (LoadScope{{year}}). Once they are settled they are kept in
// the summary cache (store/summary_cache.h) under the stamps of every file
// of that year, and taken from it while none changed; otherwise `load`
// loads a store with the options it is given (the caller reports what goes
// wrong and returns false, and so does this). `tool_id` as in
// LoadOptions::cache_tool_id: empty reads and keeps nothing.
bool earlier_quarter_items(Env& env, const std::filesystem::path& root, const std::string& tool_id, int year,
                           const Date& today, const std::function<bool(const LoadOptions&, Store*)>& load,
                           std::vector<DueItem>* out);

// The summary cache's body for items (all but unit_name, which due_items
// fills), and back (nullopt for anything encode_due_items did not write).
std::string encode_due_items(const Date& settled_after, const std::vector<DueItem>& items);
struct KeptItems {
  Date settled_after;  // the items hold on any day after this one
  std::vector<DueItem> items;
};
std::optional<KeptItems> decode_due_items(std::string_view body);

}  // namespace isms
