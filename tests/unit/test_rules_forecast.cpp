#include <doctest/doctest.h>

#include "isms/render/labels.h"
#include "isms/rules/forecast.h"
#include "support.h"

using isms::Aggregation;
using isms::Comparison;
using isms::MeasureUnit;
using namespace test::measure;

TEST_CASE("forecast: can the year-end target still be reached?") {
  const auto ceiling = def(Comparison::AtMost, at("2"), MeasureUnit::Count, 0, Aggregation::Sum);
  const auto floor = def(Comparison::AtLeast, at("12"), MeasureUnit::Count, 0, Aggregation::Sum);
  const auto patch = def(Comparison::AtLeast, at("90"), MeasureUnit::Percent, 1, Aggregation::Ratio);
  const auto phishing = def(Comparison::AtMost, at("8"), MeasureUnit::Percent, 1, Aggregation::Ratio);
  const auto uptime = def(Comparison::AtLeast, at("99.5"), MeasureUnit::Percent, 2, Aggregation::Mean);
  const auto days = def(Comparison::AtMost, at("3"), MeasureUnit::Days, 1, Aggregation::Mean);
  const auto training = def(Comparison::AtLeast, at("95"), MeasureUnit::Percent, 1, Aggregation::Last);
  const auto worst = def(Comparison::AtMost, at("8"), MeasureUnit::Hours, 1, Aggregation::Max);
  const auto lowest = def(Comparison::AtLeast, at("99"), MeasureUnit::Percent, 1, Aggregation::Min);
  // The top of the record range (10^12), where arithmetic once wrapped.
  const auto huge_floor = def(Comparison::AtLeast, at("1000000000000"), MeasureUnit::Count, 0, Aggregation::Sum);
  const auto huge_rate = def(Comparison::AtLeast, at("1000000000000"), MeasureUnit::Score, 6, Aggregation::Ratio);
  const auto huge_cap = def(Comparison::AtMost, at("1000000000000"), MeasureUnit::Score, 6, Aggregation::Ratio);
  const auto huge_mean = def(Comparison::AtLeast, at("1000000000000"), MeasureUnit::Hours, 6, Aggregation::Mean);
  struct Row {
    const char* name;
    isms::Objective def;
    isms::YearValues values;
    int through;
    const char* expected;
  };
  const Row rows[] = {
      {"nothing yet", ceiling, {none, none, none, none}, 1, "no results"},
      {"ceiling not yet reached", ceiling, {actual("1"), none, none, none}, 1, "reachable: at most 1 more in Q2-Q4"},
      {"ceiling exceeded is lost", ceiling, {actual("2"), actual("1"), none, none}, 2, "lost: 3 already exceeds 2"},
      {"floor needs more", floor, {actual("3"), actual("3"), none, none}, 2, "reachable: at least 6 more in Q3-Q4"},
      {"floor already reached", floor, {actual("6"), actual("6"), none, none}, 2, "achieved"},
      {"ratio needs a share", patch, {ratio("46", "50"), ratio("31", "40"), ratio("35", "42"), none}, 3,
       "lost: would need 105.5 % in Q4 at the volume so far"},
      {"ratio reachable", patch, {ratio("40", "50"), none, none, none}, 1,
       "reachable: at least 93.3 % in Q2-Q4 (at the volume so far)"},
      {"ratio ceiling allows", phishing, {ratio("20", "400"), ratio("25", "400"), none, none}, 2,
       "reachable: at most 10.4 % in Q3-Q4 (at the volume so far)"},
      {"ratio ceiling lost", phishing, {ratio("40", "100"), ratio("40", "100"), ratio("40", "100"), none}, 3,
       "lost: even 0 % in Q4 would leave it above 8"},
      {"mean needs an average", uptime, {actual("99.2"), none, none, none}, 1,
       "reachable: an average of at least 99.6 % in Q2-Q4"},
      {"mean lost above 100 %", uptime, {actual("98"), actual("98"), actual("98"), none}, 3,
       "lost: would need an average of 104 % in Q4"},
      {"mean ceiling lost", days, {actual("9"), actual("9"), actual("9"), none}, 3,
       "lost: even 0 in Q4 would leave the average above 3"},
      {"last decides at Q4", training, {actual("30"), none, none, none}, 1,
       "reachable: decided by the Q4 value: >= 95 %"},
      {"max crossed is lost", worst, {actual("9"), none, none, none}, 1, "lost: the maximum 9 already exceeds 8"},
      {"min crossed is lost", lowest, {actual("98.5"), none, none, none}, 1, "lost: the minimum 98.5 is already below 99"},
      {"complete year met", ceiling, {actual("0"), actual("1"), actual("0"), actual("1")}, 4, "achieved"},
      {"complete year missed", floor, {actual("3"), actual("3"), actual("3"), actual("2")}, 4, "lost"},
      // A reported quarter without its result (late) is still to come: the
      // forecast stands on Q1-Q3, not on a year judged complete.
      {"Q4 asked for but not on file", ceiling, {actual("0"), actual("1"), actual("0"), none}, 4,
       "reachable: at most 1 more in Q4"},
      {"Q3 missing", floor, {actual("3"), actual("3"), none, none}, 3, "reachable: at least 6 more in Q3-Q4"},
      // Quarters without events (本季無事件) are on record but bring no value.
      {"no events at all", days, {no_events, no_events, none, none}, 2, "no results"},
      {"no events in Q4 leaves the year as it stood: met", days,
       {actual("2"), actual("3"), actual("2"), no_events}, 4, "achieved"},
      {"no events in Q4 leaves the year as it stood: missed", days,
       {actual("4"), actual("3"), actual("4"), no_events}, 4, "lost"},
      {"a mean after a quarter without events", days, {actual("4"), no_events, none, none}, 2,
       "reachable: an average of at most 2.5 in Q3-Q4"},
      {"sums at the top of the range", huge_floor,
       {actual("1000000000000"), actual("1000000000000"), actual("1000000000000"), none}, 3, "achieved"},
      {"a share beyond any value is met even at zero", huge_rate,
       {ratio("1000000000000", "0.000001"), none, none, none}, 1, "reachable: met even with 0 in Q2-Q4 at the volume so far"},
      {"a share at the top of the range", huge_rate,
       {ratio("1000000000000", "1000000000000"), ratio("1000000000000", "1000000000000"), none, none}, 2, "reachable: at least 1999999999999 in Q3-Q4 (at the volume so far)"},
      {"a ceiling a tiny volume already passed", huge_cap,
       {ratio("1000000000000", "0.000001"), ratio("1000000000000", "0.000001"), ratio("1000000000000", "0.000001"), none},
       3, "lost: even 0 in Q4 would leave it above 1000000000000"},
      {"a mean at the top of the range", huge_mean,
       {actual("1000000000000"), actual("1000000000000"), actual("0"), none}, 3, "reachable: an average of at least 2000000000000 in Q4"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.name));
    const auto f = isms::forecast(r.def, r.values, r.through);
    const std::string need = isms::forecast_need(f, isms::Labels(isms::Language::En));
    CHECK(std::string(isms::to_string(f.state)) + (need.empty() ? "" : ": " + need) == r.expected);
  }
}
