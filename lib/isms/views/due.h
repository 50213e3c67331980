// What is due or late across a store on a given day: the status view that
// people read and cron jobs alert on (ISMS-P-005 §5.3 deadline, §5.5.1
// quarterly results and review, §5.5.2 corrective action).
#pragma once

#include <optional>
#include <string>
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

struct DueItem {
  DueState state = DueState::Due;
  std::string kind;  // setting, results, review, referral
  int year = 0;
  int quarter = 0;   // 0 when not about a quarter
  std::string unit;
  std::optional<Date> due;
  std::string path;     // the record concerned, when there is one
  std::string message;  // what is missing or awaited
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
std::vector<DueItem> due_items(const Store& store, const Date& today, int horizon_days = 30);

}  // namespace isms
