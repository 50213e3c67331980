// What a change does to the records already kept: the history-aware half of
// `validate --base REF` (docs/trust.md). Records are append-only evidence
// (§5.7): a change adds files; it does not edit a result, an approval or a
// review in place, does not delete a record under retention, and does not
// edit an approved setting table without making it a new revision.
#pragma once

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/store/store.h"
#include "isms/sys/git.h"

namespace isms {

// The retention end of a record of `year`: Dec 31 of year + years.
Date retention_until(int year, int years);

// Reports, against `change` (sys/git.h read_changes):
//   retention.deleted            a record deleted while under retention on `today`
//   retention.rewritten          an approval, result or review edited in place; a
//                                referral edited other than by closing it
//   retention.unapproved-change  an approved revision of a setting table edited
//                                without a new revision (or its revision lowered)
//   change.unsigned              an approval added unsigned by an approver with a key
//   change.author-role           an unsigned act added by a commit whose author does
//                                not hold the role the act needs (grouped per commit)
// Edits are reported at the first line the change touched. `store` holds
// the records as changed, loaded at least for the years the change touches.
void check_change(const Store& store, const ChangeSet& change, const Date& today, Diagnostics& diags);

}  // namespace isms
