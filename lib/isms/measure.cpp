#include "isms/measure.h"

namespace isms {

const Result* result_for(const Store& store, int year, std::string_view unit, std::string_view objective,
                         int quarter) {
  const Result* best = nullptr;
  for (const auto& r : store.results) {
    if (r.year == year && r.quarter == quarter && r.unit == unit && r.objective == objective &&
        (!best || r.sequence > best->sequence)) {
      best = &r;
    }
  }
  return best;
}

std::int64_t ratio_scale(const Objective& definition) { return definition.unit == MeasureUnit::Percent ? 100 : 1; }

Cumulative cumulative(const Store& store, const Objective& def, int year, std::string_view unit, int through) {
  Cumulative c;
  Decimal sum, num, den;
  std::optional<Decimal> last, max, min;
  for (int q = 1; q <= through; ++q) {
    const Result* r = result_for(store, year, unit, def.id, q);
    if (!r) continue;
    c.last_quarter = q;
    if (def.aggregation == Aggregation::Ratio) {
      if (!r->numerator || !r->denominator) continue;
      num = num + *r->numerator;
      den = den + *r->denominator;
      ++c.quarters_with_data;
      continue;
    }
    if (!r->actual) continue;
    const Decimal v = *r->actual;
    ++c.quarters_with_data;
    sum = sum + v;
    last = v;
    if (!max || v > *max) max = v;
    if (!min || v < *min) min = v;
  }
  if (c.quarters_with_data == 0) return c;
  switch (def.aggregation) {
    case Aggregation::Sum: c.value = sum; break;
    case Aggregation::Ratio:
      if (den.units() != 0) c.value = Decimal::ratio(num, den, ratio_scale(def), def.precision);
      break;
    case Aggregation::Mean:
      c.value = Decimal::ratio(sum, Decimal::from_int(c.quarters_with_data), 1, def.precision);
      break;
    case Aggregation::Last: c.value = last; break;
    case Aggregation::Max: c.value = max; break;
    case Aggregation::Min: c.value = min; break;
  }
  if (c.value && def.aggregation != Aggregation::Ratio && def.aggregation != Aggregation::Mean) {
    c.value = c.value->round(def.precision);
  }
  return c;
}

}  // namespace isms
