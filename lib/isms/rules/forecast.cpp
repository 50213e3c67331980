#include "isms/rules/forecast.h"

#include <fmt/format.h>

namespace isms {

std::string_view to_string(Reachability r) {
  switch (r) {
    case Reachability::NoResults: return "no results";
    case Reachability::Achieved: return "achieved";
    case Reachability::Reachable: return "reachable";
    case Reachability::Lost: return "lost";
  }
  return "?";
}

namespace {

// The largest value a quarter can take in this unit, if any.
std::optional<Decimal> ceiling_of(const Objective& def) {
  if (def.unit == MeasureUnit::Percent) return Decimal::from_int(100);
  return std::nullopt;
}

}  // namespace

Forecast forecast(const Objective& def, const YearValues& values, int through) {
  Forecast f;
  int with_data = 0;
  Decimal sum, num, den;
  std::optional<Decimal> max, min;
  for (int q = 1; q <= through; ++q) {
    const auto& v = values[static_cast<std::size_t>(q - 1)];
    if (!v) continue;
    if (def.aggregation == Aggregation::Ratio) {
      if (!v->numerator || !v->denominator) continue;
      num = num + *v->numerator;
      den = den + *v->denominator;
    } else {
      if (!v->actual) continue;
      const Decimal x = v->actual->round(def.precision);
      sum = sum + x;
      if (!max || x > *max) max = x;
      if (!min || x < *min) min = x;
    }
    ++with_data;
  }
  if (with_data == 0) return f;
  // The forecast stands on what is recorded: a quarter reported through but
  // without its result yet (late) is still to come.
  through = last_quarter_with_data(values, through);

  const QuarterOutcome now = judge(def, values, through);
  const Target& t = def.target;
  const int left = 4 - through;
  if (left == 0) {
    // The year is complete: the Q4 judgement of the annual target is final.
    Objective annual = def;
    annual.quarter_targets = {};
    const QuarterOutcome final_outcome = judge(annual, values, 4);
    // A last quarter without events leaves the year as it stood after the
    // quarters that had them.
    const bool met = final_outcome.status == QuarterStatus::NoEvents
                         ? final_outcome.cumulative && satisfies(def.comparison, def.target, *final_outcome.cumulative)
                         : final_outcome.status == QuarterStatus::Met;
    f.state = met ? Reachability::Achieved : Reachability::Lost;
    return f;
  }
  const Decimal hi = t.is_range ? t.max : t.value;
  const Decimal lo = t.is_range ? t.min : t.value;
  const bool floor = def.comparison == Comparison::AtLeast || def.comparison == Comparison::Range;
  const bool ceiling = def.comparison == Comparison::AtMost || def.comparison == Comparison::Range;
  f.state = Reachability::Reachable;
  f.percent = def.unit == MeasureUnit::Percent;
  f.from_quarter = through + 1;

  switch (def.aggregation) {
    case Aggregation::Sum: {
      const Decimal c = *now.cumulative;
      if (ceiling && c > hi) {
        f.state = Reachability::Lost;
        f.need = {"exceeds", c.to_string(), hi.to_string()};
      } else if (floor && c >= lo && !ceiling) {
        f.state = Reachability::Achieved;
      } else if (floor && c < lo) {
        f.need = ceiling ? Need{"more-at-most", (lo - c).to_string(), (hi - c).to_string()}
                         : Need{"more", (lo - c).to_string(), {}};
      } else {
        f.need = {"at-most-more", (hi - c).to_string(), {}};
      }
      break;
    }
    case Aggregation::Ratio: {
      if (den.units() == 0) {
        f.need = {"no-events", {}, {}};
        break;
      }
      const std::int64_t scale = ratio_scale(def);
      // The share of the remaining volume that brings the year to `target`,
      // assuming the remaining quarters bring the average volume so far
      // (R = Σd·left/with_data): (target/scale·(Σd + R) − Σn)/R·scale, which
      // is target·(w+l)/l − scale·Σn·w/(Σd·l) with no rounded R in between.
      // The first term is at most 4·target; the second is unbounded as Σd
      // shrinks, and when it does not fit the share is far below zero:
      // nullopt.
      auto share_for = [&](Decimal target) -> std::optional<Decimal> {
        const auto whole = Decimal::product(target, Decimal::from_int(with_data + left), 6);
        const auto first = whole ? Decimal::ratio(*whole, Decimal::from_int(left), 1, 6) : std::nullopt;
        const auto done = Decimal::product(num, Decimal::from_int(with_data), 6);
        const auto volume = Decimal::product(den, Decimal::from_int(left), 6);
        const auto second = done && volume ? Decimal::ratio(*done, *volume, scale, 6) : std::nullopt;
        if (!first || !second) return std::nullopt;
        return (*first - *second).round(def.precision);
      };
      if (floor) {
        const auto need = share_for(lo);
        const auto cap = ceiling_of(def);
        if (need && cap && *need > *cap) {
          f.state = Reachability::Lost;
          f.need = {"would-need-share", need->to_string(), {}};
        } else if (!need || need->negative() || need->units() == 0) {
          f.need = {"met-even-zero", {}, {}};
        } else {
          f.need = {"at-least-share", need->to_string(), {}};
        }
      }
      if (ceiling && f.state != Reachability::Lost) {
        const auto allow = share_for(hi);
        if (!allow || allow->negative()) {
          f.state = Reachability::Lost;
          f.need = {"even-zero-above", {}, hi.to_string()};
        } else if (!floor) {
          f.need = {"at-most-share", allow->to_string(), {}};
        }
      }
      break;
    }
    case Aggregation::Mean: {
      // average the remaining quarters need: (target × (n + left) − Σ) / left;
      // with values in the record range every step fits (4·10^12 at most).
      auto average_for = [&](Decimal target) {
        const Decimal total = *Decimal::product(target, Decimal::from_int(with_data + left), 6);
        return *Decimal::ratio(total - sum, Decimal::from_int(left), 1, def.precision);
      };
      if (floor) {
        const Decimal need = average_for(lo);
        const auto cap = ceiling_of(def);
        if (cap && need > *cap) {
          f.state = Reachability::Lost;
          f.need = {"would-need-average", need.to_string(), {}};
        } else {
          f.need = {"at-least-average", need.to_string(), {}};
        }
      }
      if (ceiling && f.state != Reachability::Lost) {
        const Decimal allow = average_for(hi);
        if (allow.negative()) {
          f.state = Reachability::Lost;
          f.need = {"even-zero-average-above", {}, hi.to_string()};
        } else if (!floor) {
          f.need = {"at-most-average", allow.to_string(), {}};
        }
      }
      break;
    }
    case Aggregation::Last:
      f.need = {"decided-by-q4", std::string(to_string(def.comparison)),
                t.is_range ? fmt::format("{}..{}", lo.to_string(), hi.to_string()) : hi.to_string()};
      break;
    case Aggregation::Max:
      if (ceiling && max && *max > hi) {
        f.state = Reachability::Lost;
        f.need = {"max-exceeds", max->to_string(), hi.to_string()};
      } else if (floor && !ceiling && max && *max >= lo) {
        f.state = Reachability::Achieved;
      }
      break;
    case Aggregation::Min:
      if (floor && min && *min < lo) {
        f.state = Reachability::Lost;
        f.need = {"min-below", min->to_string(), lo.to_string()};
      } else if (ceiling && !floor && min && *min <= hi) {
        f.state = Reachability::Achieved;
      }
      break;
  }
  return f;
}

}  // namespace isms
