// Measurement: how quarterly results form the cumulative (累計) of an
// objective. docs/measurement.md states the rules.
#pragma once

#include <optional>
#include <string_view>

#include "isms/decimal.h"
#include "isms/model.h"
#include "isms/store.h"

namespace isms {

// The result on record for one objective and quarter: the amendment with the
// highest sequence, or the original. nullptr when none was recorded.
const Result* result_for(const Store& store, int year, std::string_view unit, std::string_view objective,
                         int quarter);

// The scale of a ratio: percentages are numerator/denominator × 100.
std::int64_t ratio_scale(const Objective& definition);

struct Cumulative {
  std::optional<Decimal> value;  // nullopt: no data (no results, or ratio with Σdenominator = 0)
  int quarters_with_data = 0;
  int last_quarter = 0;          // latest quarter with a result, 0 if none
};

// The cumulative over quarters 1..through of `year`, formed by the
// definition's aggregation and rounded half-up at its precision:
// sum = Σ actual; ratio = Σ numerator / Σ denominator (× 100 for percent),
// never the mean of quarterly ratios; mean = Σ actual / quarters with data;
// last = the latest quarter's actual; max and min over the quarters.
Cumulative cumulative(const Store& store, const Objective& definition, int year, std::string_view unit,
                      int through);

}  // namespace isms
