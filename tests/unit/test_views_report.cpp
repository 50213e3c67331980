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
