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

struct Forecast {
  Reachability state = Reachability::NoResults;
  std::string needed;  // e.g. "at least 86.4 % in Q4 (at the volume so far)"; empty when nothing to add
};

// The forecast after quarter `through` (1..4) from the year's values, judged
// against the annual target of `def`.
Forecast forecast(const Objective& def, const YearValues& values, int through);

}  // namespace isms
