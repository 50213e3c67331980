// What changed between two revisions of a setting table (ISMS-P-005-01):
// objectives added or removed, a column or the footer changed. One
// comparison for every reader of it: the pending changes a form lists, the
// changes an approval record names, and the audit trail (`history`).
#pragma once

#include <string>
#include <vector>

#include "isms/store/model.h"

namespace isms {

// One difference. Values are as recorded (ids for people and units), so
// that each output names them in its own language.
struct RevisionChange {
  std::string objective;  // empty for the footer
  std::string item;       // the objective's item (either side)
  std::string field;      // a 005-01 field name (owner, target, …); empty when the whole objective is added or removed
  std::string before, after;  // values as recorded; for a whole objective "" → "added" or "removed" → ""
};

// The content of one revision as a comparison sees it: an approval's
// snapshot or the table itself. `full` is false for an approval that kept
// the measurement fields only: then only those can be compared.
struct RevisionContent {
  const std::vector<Objective>* objectives = nullptr;
  std::string compiled_by, supervisor;
  bool full = true;
};
RevisionContent revision_of(const Approval& approval);
RevisionContent revision_of(const SettingTable& table);

// What `after` holds that `before` did not: footer changes first, then each
// objective of `after` in its order (added, or its changed fields in form
// order), then the objectives `after` removed. Only the measurement fields
// are compared unless both sides are full.
std::vector<RevisionChange> compare_revisions(const RevisionContent& before, const RevisionContent& after);

}  // namespace isms
