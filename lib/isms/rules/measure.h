// Measurement: how quarterly results form the cumulative (累計) of an
// objective and how each quarter is judged. docs/measurement.md states the
// rules; the core (judge) is a pure function of a definition and values.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "isms/base/decimal.h"
#include "isms/store/model.h"
#include "isms/store/store.h"

namespace isms {

// The scale of a ratio: percentages are numerator/denominator × 100.
std::int64_t ratio_scale(const Objective& definition);

struct Cumulative {
  std::optional<Decimal> value;  // nullopt: no data (no results, or ratio with Σdenominator = 0)
  int last_quarter = 0;          // latest quarter with a result, 0 if none
  bool operator==(const Cumulative&) const = default;
};

// The cumulative through the latest quarter with a result among 1..through,
// as judge() forms it (docs/measurement.md).
Cumulative cumulative(const Store& store, const Objective& definition, int year, std::string_view unit,
                      int through);

// NoEvents: the quarter's result says nothing to measure happened (本季無事件);
// it is on record but not judged, so it is neither achieved nor a miss.
enum class QuarterStatus { Met, NotMet, OnTrack, NoData, NoEvents };
// "met", "not met", "on track", "no data", "no events"
std::string_view to_string(QuarterStatus s);
// Whether the quarter was judged against its target (met, not met, on track).
bool judged(QuarterStatus s);

// One quarter's recorded values: `actual`, or numerator and denominator for
// ratios. Absent quarters are nullopt.
struct QuarterValues {
  std::optional<Decimal> actual, numerator, denominator;
  bool no_events = false;  // 本季無事件: on record without a value
};
using YearValues = std::array<std::optional<QuarterValues>, 4>;

struct QuarterOutcome {
  int quarter = 1;
  std::optional<Decimal> value;       // 實績: the quarter's own value, rounded at the precision
  std::optional<Decimal> cumulative;  // 累計 through this quarter, rounded at the precision; none when
                                      // the quarter itself has no result (a quarter without events
                                      // shows the year so far)
  Target target;                      // the target this quarter was judged against
  bool pro_rata = false;              // target is the share q/4 of an annual sum
  bool milestone = false;             // target is the quarter's own (quarter_targets), before Q4
  QuarterStatus status = QuarterStatus::NoData;
};

// Judges quarter `quarter` (1..4) of `def` from the year's values so far
// (quarters after `quarter` are ignored). Pure and exact: all arithmetic in
// Decimal, rounding half-up at def.precision before comparing.
QuarterOutcome judge(const Objective& def, const YearValues& values, int quarter);

// The latest quarter among 1..through with a recorded result, 0 if none.
int last_quarter_with_data(const YearValues& values, int through);

// Whether `v` satisfies `t` under `c`.
bool satisfies(Comparison c, const Target& t, Decimal v);

// The year as recorded for one objective of one unit: each quarter judged
// against the definition in force for that quarter (lifecycle.h).
struct QuarterRecord {
  QuarterOutcome outcome;
  const Result* result = nullptr;      // the record on file (latest amendment), if any
  const Approval* in_force = nullptr;  // the approval whose snapshot judged it
  const Objective* definition = nullptr;
};
struct ObjectiveYear {
  std::string id;
  std::array<QuarterRecord, 4> quarters;
  int misses = 0;  // quarters judged not met, through the last evaluated quarter
};
// The values of the results an evaluation found (all four quarters,
// whatever `through`): values_of without looking the results up again.
YearValues values_of(const ObjectiveYear& y);
YearValues values_of(const Store& store, int year, std::string_view unit, std::string_view objective);
ObjectiveYear evaluate(const Store& store, int year, std::string_view unit, std::string_view objective,
                       int through);

// The definition of `objective` in force for that quarter (from the approval
// snapshot), or nullptr when none is in force.
const Objective* definition_in_force(const Store& store, int year, std::string_view unit, std::string_view objective,
                                     int quarter, const Approval** approval = nullptr);

}  // namespace isms
