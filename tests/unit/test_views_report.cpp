#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "isms/render/report.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;

TEST_CASE("achievement counts met and on track over objectives with data") {
  const isms::Store store = example_store();
  isms::ReportOptions o;
  o.year = 2026;
  o.through = 3;
  const auto r = isms::build_report(store, o);
  CHECK(r.objectives == 28);
  CHECK(r.met + r.on_track + r.not_met + r.no_data == 28);
  CHECK(r.not_met == 1);  // lio's patch rate in Q3
  REQUIRE(r.achievement);
  CHECK(r.achievement->to_string(1) == "96.4");  // 27 of 28
  CHECK(r.met == 10);        // milestones reached are on track, not met
  CHECK(r.on_track == 17);
}

TEST_CASE("the trend: from the first year anything was judged to the report's year, per unit and in total") {
  const isms::Store store = example_store();
  isms::ReportOptions o;
  o.year = 2026;
  o.through = 3;
  CHECK(isms::build_report(store, o).trend.empty());  // not asked for
  o.trend_from = 2021;  // the store starts in 2024
  const auto r = isms::build_report(store, o);
  struct Row {
    int year, through, achieved, judged;
    const char* rate;
  } rows[] = {{2024, 4, 28, 28, "100.0"}, {2025, 4, 28, 28, "100.0"}, {2026, 3, 27, 28, "96.4"}};
  REQUIRE(r.trend.size() == std::size(rows));
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    CAPTURE(rows[i].year);
    CHECK(r.trend[i].year == rows[i].year);
    CHECK(r.trend[i].through == rows[i].through);
    CHECK(r.trend[i].achieved == rows[i].achieved);
    CHECK(r.trend[i].judged == rows[i].judged);
    REQUIRE(r.trend[i].rate);
    CHECK(r.trend[i].rate->to_string(1) == rows[i].rate);
  }
  // Each unit has the same years; lio's last is this year's 6 of 7.
  for (const auto& u : r.units) {
    CAPTURE(u.id);
    REQUIRE(u.trend.size() == 3);
    CHECK(u.trend.back().rate == u.achievement);
  }
  CHECK(r.units[0].id == "lio");
  CHECK(r.units[0].trend.back().rate->to_string(1) == "85.7");
  // Years before the store's first are left out: a store's first year has
  // a trend of one year (and the HTML draws no trend chart for it).
  o.year = 2024;
  o.through = 4;
  o.trend_from = 2020;
  const auto first = isms::build_report(store, o);
  REQUIRE(first.trend.size() == 1);
  CHECK(first.trend[0].year == 2024);
}

TEST_CASE("the last quarter due: a quarter's results are due policy.results_due_days after it ends") {
  isms::Policy p;  // results due 15 days after the quarter
  struct Row {
    const char* today;
    int year, expected;
  } rows[] = {
      {"2026-04-14", 2026, 0}, {"2026-04-15", 2026, 1}, {"2026-07-15", 2026, 2}, {"2026-10-14", 2026, 2},
      {"2026-11-24", 2026, 3}, {"2026-12-31", 2026, 3}, {"2027-01-15", 2026, 4}, {"2026-11-24", 2025, 4},
      {"2026-11-24", 2027, 0}, {"2027-01-14", 2026, 3},
  };
  for (const auto& r : rows) {
    CAPTURE(r.today);
    CHECK(isms::last_due_quarter(p, r.year, *isms::Date::parse(r.today)) == r.expected);
  }
  p.results_due_days = 0;
  CHECK(isms::last_due_quarter(p, 2026, *isms::Date::parse("2026-09-30")) == 3);
}

TEST_CASE("a quarter without a result is no data in the report, whatever the quarters before") {
  isms::Store store = example_store();
  std::erase_if(store.results, [](const isms::Result& r) { return r.year == 2026 && r.unit == "student" && r.quarter == 2; });
  isms::ReportOptions o;
  o.year = 2026;
  o.through = 2;
  o.unit = "student";
  const auto r = isms::build_report(store, o);
  REQUIRE(r.units.size() == 1);
  CHECK(r.no_data == 2);
  CHECK(!r.achievement);
  for (const auto& obj : r.units[0].objectives) {
    CHECK(obj.status == isms::QuarterStatus::NoData);
    CHECK(!obj.year.quarters[1].outcome.cumulative);
    CHECK(obj.year.quarters[0].outcome.cumulative);
  }
}
