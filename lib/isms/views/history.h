// The audit trail of one unit's year (isms-obj history): every act on its
// ISMS-P-005-01 and -02 records, in the order they were done — revisions of
// the setting table with what each changed, the CISO's decisions and the
// keys they were signed with, results and their amendments (flagged when
// made after the quarter's review), reviews and their corrections, and the
// corrective-action decisions. Computed from the records alone, then
// rendered by render/history.h; nothing here formats text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "isms/rules/revision.h"
#include "isms/store/store.h"

namespace isms {

struct HistoryOptions {
  int year = 0;
  std::string unit;
  std::optional<std::string> objective;  // only what concerns this objective (and the unit-wide acts)
};

enum class HistoryAct {
  Decided,           // the CISO's decision on a revision (approved, rejected, changes requested)
  Pending,           // the table as it is, awaiting a decision
  Reported,          // a quarter's result
  Amended,           // a later value of a result, with its reason
  Confirmed,         // the unit's head confirmed the quarter's results (權責主管)
  Reviewed,          // a quarter's review (審核意見)
  Corrected,         // a correction superseding a review, with its reason
  ReferralRaised,    // corrective action required (ISMS-P-008)
  ReferralWaived,    // the CISO decided none is needed, with the reason
  ReferralClosed,    // closed with evidence
};

struct HistoryEvent {
  HistoryAct act = HistoryAct::Decided;
  std::optional<Date> date;
  std::string by;    // person id of who acted
  std::string file;  // the record that proves it
  // Setting tables: the revision; for an approval and the table awaiting a
  // decision, its footer (who compiled it, the supervisor, its 更新日期)
  // and what it changes against the revision in force before it (none for
  // the first). `partial`: one side kept the measurement fields only (an
  // approval made before approvals kept the whole form: no footer either).
  int revision = 0;
  std::string compiled_by, supervisor;
  std::optional<Date> updated;
  std::optional<Decision> decision;
  std::vector<RevisionChange> changes;
  bool partial = false;
  bool first = false;  // the table's first revision (nothing to compare)
  int against = 0;     // the revision `changes` compares with
  // Results, reviews, referrals.
  int quarter = 0;
  std::string objective, item;
  int sequence = 1;
  std::optional<Decimal> value, numerator, denominator;  // a result
  std::optional<Decimal> previous;                       // an amendment: the value it replaces
  std::optional<Date> reviewed_on;  // an amendment made after the quarter's review of this day
  std::string text;    // the decision's comment, the review opinion, the variance, the closing evidence
  std::string reason;  // an amendment's, a correction's, a waiver's, a review's for missing results
  std::vector<std::pair<std::string, std::string>> objective_opinions;
  std::vector<int> missed;  // a referral's quarters missed
  std::vector<std::pair<std::string, int>> confirmed;  // a confirmation: objective → result sequence
  bool stale = false;  // a confirmation that no longer covers the results on record
  std::string case_number;
  std::string keys;  // fingerprints of the keys a signed act was signed with (rules/signature.h)
  TableStatus status = TableStatus::Draft;  // Pending: the table's status
};

struct History {
  HistoryOptions options;
  std::string unit_name, unit_name_en;
  std::map<std::string, std::pair<std::string, std::string>> people;  // id → (name, name_en)
  std::map<std::string, std::pair<std::string, std::string>> units;   // id → (name, name_en)
  std::map<std::string, std::string> items;  // objective id → its item, as last defined
  std::vector<HistoryEvent> events;          // by date (undated last), then in the order acts happen
};

History build_history(const Store& store, const HistoryOptions& options);

}  // namespace isms
