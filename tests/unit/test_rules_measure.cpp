#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "isms/rules/forecast.h"
#include "isms/rules/measure.h"
#include "support.h"

using isms::Aggregation;
using isms::Comparison;
using isms::Decimal;
using isms::MeasureUnit;
using isms::QuarterStatus;
using isms::QuarterValues;
using namespace test;
using namespace test::measure;

TEST_CASE("judging a quarter: every aggregation and comparison, at the edges") {
  const auto pct_ratio_95 = def(Comparison::AtLeast, at("95"), MeasureUnit::Percent, 1, Aggregation::Ratio);
  const auto pct_ratio_95_p2 = def(Comparison::AtLeast, at("95"), MeasureUnit::Percent, 2, Aggregation::Ratio);
  const auto phishing = def(Comparison::AtMost, at("10"), MeasureUnit::Percent, 1, Aggregation::Ratio);
  const auto incidents = def(Comparison::AtMost, at("2"), MeasureUnit::Count, 0, Aggregation::Sum);
  const auto no_leaks = def(Comparison::AtMost, at("0"), MeasureUnit::Count, 0, Aggregation::Sum);
  const auto checks = def(Comparison::AtLeast, at("12"), MeasureUnit::Count, 0, Aggregation::Sum);
  const auto ten = def(Comparison::AtLeast, at("10"), MeasureUnit::Count, 0, Aggregation::Sum);
  const auto uptime = def(Comparison::AtLeast, at("99.5"), MeasureUnit::Percent, 2, Aggregation::Mean);
  const auto days = def(Comparison::AtMost, at("3"), MeasureUnit::Days, 1, Aggregation::Mean);
  auto training = def(Comparison::AtLeast, at("95"), MeasureUnit::Percent, 1, Aggregation::Last);
  training.quarter_targets = {at("25"), at("50"), at("75"), std::nullopt};
  const auto worst_hours = def(Comparison::AtMost, at("8"), MeasureUnit::Hours, 1, Aggregation::Max);
  const auto floor_pct = def(Comparison::AtLeast, at("99"), MeasureUnit::Percent, 1, Aggregation::Min);
  const auto band = def(Comparison::Range, between("2", "4"), MeasureUnit::Hours, 1, Aggregation::Mean);
  const auto hours_per_incident = def(Comparison::AtMost, at("1"), MeasureUnit::Hours, 2, Aggregation::Ratio);
  const auto band_sum = def(Comparison::Range, between("4", "8"), MeasureUnit::Count, 0, Aggregation::Sum);

  const Row rows[] = {
      // ratio: exact, never binary floating point
      {"190/200 is exactly 95.0", pct_ratio_95, {ratio("190", "200"), none, none, none}, 1, "95 / 95 / met"},
      {"189/200 is 94.5", pct_ratio_95, {ratio("189", "200"), none, none, none}, 1, "94.5 / 94.5 / not met"},
      {"94.95 rounds half-up to 95.0", pct_ratio_95, {ratio("1899", "2000"), none, none, none}, 1, "95 / 95 / met"},
      {"94.949 rounds to 94.9", pct_ratio_95, {ratio("94949", "100000"), none, none, none}, 1,
       "94.9 / 94.9 / not met"},
      {"94.995 at two digits is 95.00", pct_ratio_95_p2, {ratio("18999", "20000"), none, none, none}, 1,
       "95 / 95 / met"},
      {"cumulative is Σn/Σd, not the mean of percentages", pct_ratio_95,
       {ratio("1", "1"), ratio("50", "100"), none, none}, 2, "50 / 50.5 / not met"},
      {"zero denominator is no data", pct_ratio_95, {ratio("0", "0"), none, none, none}, 1, "- / - / no data"},
      {"after a zero denominator", pct_ratio_95, {ratio("0", "0"), ratio("5", "5"), none, none}, 2,
       "100 / 100 / met"},
      {"a missing quarter is skipped", pct_ratio_95, {none, ratio("9", "10"), none, none}, 2, "90 / 90 / not met"},
      {"a quarter without a result is no data, with no cumulative of its own", pct_ratio_95,
       {ratio("9", "10"), none, none, none}, 2, "- / - / no data"},
      {"ratio at most", phishing, {ratio("41", "380"), ratio("52", "402"), none, none}, 2, "12.9 / 11.9 / not met"},
      {"ratio in hours per incident", hours_per_incident, {ratio("10", "4"), none, none, none}, 1,
       "2.5 / 2.5 / not met"},
      // sum: a ceiling is missed as soon as it is exceeded
      {"count under the ceiling", incidents, {actual("1"), actual("1"), none, none}, 2, "1 / 2 / on track"},
      {"count over the ceiling", incidents, {actual("1"), actual("1"), actual("1"), none}, 3, "1 / 3 / not met"},
      {"count over the ceiling at year end", incidents, {actual("1"), actual("1"), actual("1"), actual("0")}, 4,
       "0 / 3 / not met"},
      {"zero tolerance, clean", no_leaks, {actual("0"), none, none, none}, 1, "0 / 0 / on track"},
      {"zero tolerance, one leak", no_leaks, {actual("1"), none, none, none}, 1, "1 / 1 / not met"},
      {"zero tolerance at year end", no_leaks, {actual("0"), actual("0"), actual("0"), actual("0")}, 4,
       "0 / 0 / met"},
      // sum: a floor is judged pro rata before the year ends
      {"floor pro rata, on track", checks, {actual("3"), none, none, none}, 1, "3 / 3 / on track"},
      {"floor pro rata, behind", checks, {actual("2"), none, none, none}, 1, "2 / 2 / not met"},
      {"floor pro rata, half year", checks, {actual("3"), actual("3"), none, none}, 2, "3 / 6 / on track"},
      {"floor at year end, short", checks, {actual("3"), actual("3"), actual("3"), actual("2")}, 4,
       "2 / 11 / not met"},
      {"floor at year end, met", checks, {actual("3"), actual("3"), actual("3"), actual("3")}, 4, "3 / 12 / met"},
      {"pro rata share rounds half-up (2.5 → 3)", ten, {actual("2"), none, none, none}, 1, "2 / 2 / not met"},
      {"pro rata share reached", ten, {actual("3"), none, none, none}, 1, "3 / 3 / on track"},
      {"sum in a range, not yet above", band_sum, {actual("3"), none, none, none}, 1, "3 / 3 / on track"},
      {"sum in a range, already above", band_sum, {actual("9"), none, none, none}, 1, "9 / 9 / not met"},
      {"sum in a range at year end, Q4 missing", band_sum, {actual("1"), actual("1"), actual("1"), none}, 4,
       "- / - / no data"},
      {"sum in a range at year end", band_sum, {actual("1"), actual("1"), actual("1"), actual("2")}, 4,
       "2 / 5 / met"},
      // mean
      {"mean of two quarters, half-up", uptime, {actual("99.62"), actual("99.71"), none, none}, 2,
       "99.71 / 99.67 / met"},
      {"mean below", uptime, {actual("99.2"), none, none, none}, 1, "99.2 / 99.2 / not met"},
      {"quarters are rounded before averaging", uptime, {actual("99.494"), actual("99.504"), none, none}, 2,
       "99.5 / 99.5 / met"},
      {"mean at most", days, {actual("3.4"), actual("2.6"), none, none}, 2, "2.6 / 3 / met"},
      {"mean at most, first quarter", days, {actual("3.4"), none, none, none}, 1, "3.4 / 3.4 / not met"},
      // last, with quarter targets
      {"last vs quarter target q1", training, {actual("18"), none, none, none}, 1, "18 / 18 / not met"},
      {"last vs quarter target q2", training, {actual("18"), actual("41.5"), none, none}, 2,
       "41.5 / 41.5 / not met"},
      {"a milestone reached is progress, not achievement", training,
       {actual("18"), actual("41.5"), actual("78.2"), none}, 3, "78.2 / 78.2 / on track"},
      {"a milestone reached with the annual target met already", training,
       {actual("18"), actual("41.5"), actual("96"), none}, 3, "96 / 96 / met"},
      {"last vs the annual target in q4", training,
       {actual("18"), actual("41.5"), actual("78.2"), actual("94.96")}, 4, "95 / 95 / met"},
      // max and min
      {"worst case over the ceiling", worst_hours, {actual("5"), actual("9"), none, none}, 2, "9 / 9 / not met"},
      {"worst case under the ceiling", worst_hours, {actual("5"), actual("7.9"), none, none}, 2,
       "7.9 / 7.9 / met"},
      {"minimum under the floor", floor_pct, {actual("99.5"), actual("98"), none, none}, 2, "98 / 98 / not met"},
      // range
      {"range, inside at the edge after rounding", band, {actual("4.04"), none, none, none}, 1, "4 / 4 / met"},
      {"range, outside after rounding", band, {actual("4.05"), none, none, none}, 1, "4.1 / 4.1 / not met"},
      {"range, below", band, {actual("1.9"), none, none, none}, 1, "1.9 / 1.9 / not met"},
      // no events (本季無事件): on record, not judged, for every aggregation;
      // the cumulative is the year so far
      {"no events, first quarter, ratio", pct_ratio_95, {no_events, none, none, none}, 1, "- / - / no events"},
      {"no events after a miss is not another miss", pct_ratio_95, {ratio("9", "10"), no_events, none, none}, 2,
       "- / 90 / no events"},
      {"a quarter after no events counts the others only", pct_ratio_95,
       {ratio("19", "20"), no_events, ratio("10", "10"), none}, 3, "100 / 96.7 / met"},
      {"no events, sum", incidents, {actual("1"), no_events, none, none}, 2, "- / 1 / no events"},
      {"no events, mean of days", days, {no_events, none, none, none}, 1, "- / - / no events"},
      {"mean over the quarters with events only", days, {actual("4"), no_events, actual("2"), none}, 3,
       "2 / 3 / met"},
      {"no events, last", training, {actual("18"), no_events, none, none}, 2, "- / 18 / no events"},
      {"no events, max", worst_hours, {actual("9"), no_events, none, none}, 2, "- / 9 / no events"},
      {"no events, min", floor_pct, {no_events, actual("99.5"), none, none}, 2, "99.5 / 99.5 / met"},
      {"no events, range", band, {no_events, no_events, no_events, no_events}, 4, "- / - / no events"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(show(isms::judge(r.def, r.values, r.quarter)) == r.expected);
  }
}

TEST_CASE("the judged target is reported with the outcome") {
  const auto checks = def(Comparison::AtLeast, at("12"), MeasureUnit::Count, 0, Aggregation::Sum);
  auto o = isms::judge(checks, {actual("3"), actual("3"), actual("3"), none}, 3);
  CHECK(o.pro_rata);
  CHECK(o.target.value == D("9"));
  auto training = def(Comparison::AtLeast, at("95"), MeasureUnit::Percent, 1, Aggregation::Last);
  training.quarter_targets[1] = between("40", "60");
  training.comparison = Comparison::Range;
  training.target = between("90", "100");
  o = isms::judge(training, {none, actual("45"), none, none}, 2);
  CHECK(o.status == QuarterStatus::OnTrack);
  CHECK(o.milestone);
  CHECK(o.target.is_range);
  CHECK(o.target.max == D("60"));
}

TEST_CASE("the worked examples of docs/measurement.md, on the example store") {
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), std::filesystem::path(ISMS_SOURCE_DIR) / "examples/university", {}, &store, d).is_ok());
  auto y = isms::evaluate(store, 2026, "lio", "core-availability", 3);
  CHECK(show(y.quarters[0].outcome) == "99.62 / 99.62 / not met");
  CHECK(y.quarters[0].outcome.target.value == D("99.9"));
  CHECK(y.quarters[0].in_force->revision == 1);
  CHECK(show(y.quarters[1].outcome) == "99.71 / 99.67 / met");
  CHECK(y.quarters[1].outcome.target.value == D("99.5"));
  CHECK(y.misses == 1);
  y = isms::evaluate(store, 2025, "lio", "phishing-open-rate", 2);
  CHECK(show(y.quarters[1].outcome) == "12.9 / 11.9 / not met");
  y = isms::evaluate(store, 2025, "student", "training-completion", 4);
  CHECK(y.misses == 2);  // Q1 and Q2: the twice-missed objective with its referral
  CHECK(y.quarters[2].outcome.status == QuarterStatus::OnTrack);  // 78.2 reaches Q3's 75, not yet the year's 95
  y = isms::evaluate(store, 2025, "accounting", "backup-checks", 1);
  CHECK(show(y.quarters[0].outcome) == "3 / 3 / on track");
  CHECK(y.quarters[0].outcome.pro_rata);
}
