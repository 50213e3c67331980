#include "isms/rules/measure.h"

#include "isms/rules/lifecycle.h"

namespace isms {

std::string_view to_string(QuarterStatus s) {
  switch (s) {
    case QuarterStatus::Met: return "met";
    case QuarterStatus::NotMet: return "not met";
    case QuarterStatus::OnTrack: return "on track";
    case QuarterStatus::NoData: return "no data";
    case QuarterStatus::NoEvents: return "no events";
  }
  return "?";
}

bool judged(QuarterStatus s) { return s == QuarterStatus::Met || s == QuarterStatus::NotMet || s == QuarterStatus::OnTrack; }

bool satisfies(Comparison c, const Target& t, Decimal v) {
  switch (c) {
    case Comparison::AtLeast: return v >= t.value;
    case Comparison::AtMost: return v <= t.value;
    case Comparison::Range: return t.min <= v && v <= t.max;
  }
  return false;
}

QuarterOutcome judge(const Objective& def, const YearValues& values, int quarter) {
  QuarterOutcome out;
  out.quarter = quarter;
  const auto& own = values[static_cast<std::size_t>(quarter - 1)];
  const bool ratio = def.aggregation == Aggregation::Ratio;
  const std::int64_t scale = ratio_scale(def);

  // The cumulative over the quarters with data, 1..quarter.
  Decimal sum, num, den;
  std::optional<Decimal> last, max, min;
  int n = 0;
  for (int q = 1; q <= quarter; ++q) {
    const auto& v = values[static_cast<std::size_t>(q - 1)];
    if (!v) continue;
    if (ratio) {
      if (!v->numerator || !v->denominator) continue;
      num = num + *v->numerator;
      den = den + *v->denominator;
      ++n;
      continue;
    }
    if (!v->actual) continue;
    const Decimal x = v->actual->round(def.precision);
    sum = sum + x;
    last = x;
    if (!max || x > *max) max = x;
    if (!min || x < *min) min = x;
    ++n;
  }
  if (own) {
    if (ratio && own->numerator && own->denominator) {
      // nullopt for a zero denominator, and for a quotient beyond what a
      // value can hold (validate reports it as result.out-of-range).
      out.value = Decimal::ratio(*own->numerator, *own->denominator, scale, def.precision);
    } else if (!ratio && own->actual) {
      out.value = own->actual->round(def.precision);
    }
  }
  if (n > 0) {
    switch (def.aggregation) {
      case Aggregation::Sum: out.cumulative = sum; break;
      case Aggregation::Ratio: out.cumulative = Decimal::ratio(num, den, scale, def.precision); break;
      case Aggregation::Mean: out.cumulative = Decimal::ratio(sum, Decimal::from_int(n), 1, def.precision); break;
      case Aggregation::Last: out.cumulative = last; break;
      case Aggregation::Max: out.cumulative = max; break;
      case Aggregation::Min: out.cumulative = min; break;
    }
  }

  const auto& quarter_target = def.quarter_targets[static_cast<std::size_t>(quarter - 1)];
  out.target = quarter_target ? *quarter_target : def.target;
  out.milestone = quarter_target.has_value() && quarter < 4;
  if (own && own->no_events) {
    // Nothing happened to measure: the year so far stands as it was, and
    // the quarter is judged neither met nor missed.
    out.value.reset();
    out.status = QuarterStatus::NoEvents;
    return out;
  }
  if (!own || !out.cumulative) {
    // A quarter without a result has no state of its own: neither the
    // earlier quarters' cumulative nor their status stands in for it.
    out.cumulative.reset();
    out.status = QuarterStatus::NoData;
    return out;
  }
  const Decimal c = *out.cumulative;
  if (def.aggregation == Aggregation::Sum && !quarter_target && quarter < 4) {
    // An annual sum is only complete at year end: before it, a floor is
    // judged against its share so far, a ceiling or range by whether it is
    // already exceeded (a count cannot go down again).
    switch (def.comparison) {
      case Comparison::AtLeast:
        out.pro_rata = true;
        // A share of a target in the record range always fits.
        out.target.value = *Decimal::ratio(def.target.value, Decimal::from_int(4), quarter, def.precision);
        out.status = c >= out.target.value ? QuarterStatus::OnTrack : QuarterStatus::NotMet;
        return out;
      case Comparison::AtMost:
        out.status = c <= def.target.value ? QuarterStatus::OnTrack : QuarterStatus::NotMet;
        return out;
      case Comparison::Range:
        out.status = c <= def.target.max ? QuarterStatus::OnTrack : QuarterStatus::NotMet;
        return out;
    }
  }
  if (!satisfies(def.comparison, out.target, c)) {
    out.status = QuarterStatus::NotMet;
  } else if (out.milestone && !satisfies(def.comparison, def.target, c)) {
    // A milestone reached before the year ends is progress toward the
    // annual target, not its achievement.
    out.status = QuarterStatus::OnTrack;
  } else {
    out.status = QuarterStatus::Met;
  }
  return out;
}

int last_quarter_with_data(const YearValues& values, int through) {
  for (int q = through; q >= 1; --q) {
    if (values[static_cast<std::size_t>(q - 1)]) return q;
  }
  return 0;
}

namespace {

std::optional<QuarterValues> values_of(const Result* r) {
  if (!r) return std::nullopt;
  return QuarterValues{r->actual, r->numerator, r->denominator, !r->no_events.empty()};
}

}  // namespace

YearValues values_of(const Store& store, int year, std::string_view unit, std::string_view objective) {
  YearValues v;
  for (int q = 1; q <= 4; ++q) v[static_cast<std::size_t>(q - 1)] = values_of(store.latest_result(year, unit, objective, q));
  return v;
}

YearValues values_of(const ObjectiveYear& y) {
  YearValues v;
  for (std::size_t k = 0; k < v.size(); ++k) v[k] = values_of(y.quarters[k].result);
  return v;
}

const Objective* definition_in_force(const Store& store, int year, std::string_view unit, std::string_view objective,
                                     int quarter, const Approval** approval) {
  const Approval* a = in_force_for_quarter(store, year, unit, quarter);
  if (approval) *approval = a;
  if (!a) return nullptr;
  for (const auto& o : a->approved) {
    if (o.id == objective) return &o;
  }
  return nullptr;
}

ObjectiveYear evaluate(const Store& store, int year, std::string_view unit, std::string_view objective, int through) {
  ObjectiveYear y;
  y.id = objective;
  // Each quarter's result is looked up once: the status view evaluates
  // every objective of every unit for each ended quarter.
  for (int q = 1; q <= 4; ++q) y.quarters[static_cast<std::size_t>(q - 1)].result = store.latest_result(year, unit, objective, q);
  const YearValues values = values_of(y);
  for (int q = 1; q <= 4; ++q) {
    QuarterRecord& rec = y.quarters[static_cast<std::size_t>(q - 1)];
    rec.outcome.quarter = q;
    rec.definition = definition_in_force(store, year, unit, objective, q, &rec.in_force);
    if (q > through || !rec.definition) continue;
    rec.outcome = judge(*rec.definition, values, q);
    if (rec.outcome.status == QuarterStatus::NotMet) ++y.misses;
  }
  return y;
}

std::int64_t ratio_scale(const Objective& definition) { return definition.unit == MeasureUnit::Percent ? 100 : 1; }

Cumulative cumulative(const Store& store, const Objective& def, int year, std::string_view unit, int through) {
  Cumulative c;
  const YearValues values = values_of(store, year, unit, def.id);
  c.last_quarter = last_quarter_with_data(values, through);
  if (c.last_quarter > 0) c.value = judge(def, values, c.last_quarter).cumulative;
  return c;
}

}  // namespace isms
