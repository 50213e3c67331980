// isms-obj history: the audit trail of a unit's year (views/history.h) as a
// person reads it and as a script reads it.
#pragma once

#include <string>

#include "isms/views/history.h"

namespace isms {

// One act a paragraph, oldest first: the day, what was done and by whom
// (names, in `language`; dates in `calendar`), then what it said or
// changed, the key it was signed with and the record that proves it.
std::string history_text(const History& h, Language language, Calendar calendar);
// isms-obj.history/1, documented in docs/cli.md.
std::string history_json(const History& h);

}  // namespace isms
