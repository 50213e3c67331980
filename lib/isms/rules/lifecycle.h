// The life of a setting table (ISMS-P-005 §5.3–5.5.3): drafted, submitted,
// decided by the CISO, revised, approved again. docs/lifecycle.md states the
// rules; everything here is derived from the records alone, never from git.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/store/store.h"

namespace isms {

enum class TableState {
  Missing,            // no table for that unit and year
  Draft,              // status: draft, never approved
  Submitted,          // status: submitted, awaiting the CISO
  Approved,           // the approval in force covers exactly the current content
  PendingReapproval,  // changed since the approval in force, which stays in force
  Rejected,           // the CISO rejected the current content
  ChangesRequested,   // the CISO asked for changes to the current content
};

std::string_view to_string(TableState s);  // "draft", "pending re-approval", …

struct TableLifecycle {
  int year = 0;
  std::string unit;
  const SettingTable* table = nullptr;
  TableState state = TableState::Missing;
  std::string digest;                   // of the current content (empty if no table)
  const Approval* in_force = nullptr;   // latest approved revision, if any
  const Approval* decision = nullptr;   // latest decision on the current content, if any
};

TableLifecycle table_status(const Store& store, int year, std::string_view unit);

// The approval whose snapshot judges results of quarter `quarter`: the latest
// approved revision dated on or before the quarter's last day; when none was
// approved that early (a late first approval), the first approved revision,
// which then applies from the start of the year. nullptr when never approved.
const Approval* in_force_for_quarter(const Store& store, int year, std::string_view unit, int quarter);

// Due date of the setting tables for `year` (policy.setting_due of year-1).
Date setting_due_date(const Policy& policy, int year);

// Lifecycle checks for validate: approvals by someone who was not the CISO
// on that day or who compiled the table, approvals of revisions that do not
// exist, snapshots that disagree with the content they claim, tables pending
// re-approval (warning) and, when `today` is given, tables late for their
// deadline (warning).
void check_lifecycle(const Store& store, const std::optional<Date>& today, Diagnostics& diags);

}  // namespace isms
