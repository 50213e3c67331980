// Whether an objective's year-end target can still be reached, given the
// results so far (ISMS-P-005 §5.5: act early). docs/measurement.md states
// the rules.
#pragma once

#include <optional>
#include <string>

#include "isms/rules/measure.h"

namespace isms {

enum class Reachability {
  NoResults,  // nothing recorded yet
  Achieved,   // the target is met for good (or the year is complete and met)
  Reachable,  // still possible; `needed` says what it takes where that is computable
  Lost,       // no result in the remaining quarters can meet the target
};
std::string_view to_string(Reachability r);  // "no results", "achieved", "reachable", "lost"

// What it takes, as a phrase the renderer words in the reader's language:
// `key` names it (docs/measurement.md, "Forecast"), `a` and `b` are its
// numbers as decimals; an empty key when there is nothing to add.
struct Need {
  std::string key, a, b;
};

struct Forecast {
  Reachability state = Reachability::NoResults;
  Need need;
  bool percent = false;  // the phrase's numbers are percentages
  int from_quarter = 0;  // the quarters left: from_quarter..Q4
};

// The forecast after quarter `through` (1..4) from the year's values, judged
// against the annual target of `def`.
Forecast forecast(const Objective& def, const YearValues& values, int through);

}  // namespace isms
