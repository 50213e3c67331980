#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "isms/render/report.h"
#include "isms/store/summary_cache.h"
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

namespace {

isms::Store store_of(const fs::path& root, isms::LoadScope scope) {
  isms::Store store;
  isms::Diagnostics d;
  isms::LoadOptions o;
  o.scope = std::move(scope);
  REQUIRE(isms::load_store(posix(), root, o, &store, d).is_ok());
  return store;
}

// Every form of the report, as JSON and text.
std::string every_form(const isms::Report& r) {
  std::string out;
  for (auto form : {isms::ReportForm::Summary, isms::ReportForm::Setting, isms::ReportForm::Review}) {
    for (auto format : {isms::ReportFormat::Json, isms::ReportFormat::Text}) out += isms::render_report(r, form, format);
  }
  return out;
}

}  // namespace

TEST_CASE("a report from the earlier years' facts equals one from a store that holds every year") {
  const fs::path root = fs::path(ISMS_SOURCE_DIR) / "examples/university";
  const isms::Store all = store_of(root, {});
  // A store of one year holds nothing of the year before: the last year's
  // cumulatives, achievement and trend come from the facts alone.
  const isms::Store year = store_of(root, {{2026}, {}});
  for (int through : {1, 3, 4}) {
    for (const char* unit : {"", "lio"}) {
      CAPTURE(through);
      CAPTURE(unit);
      isms::ReportOptions o;
      o.year = 2026;
      o.through = through;
      o.trend_from = 2022;
      if (*unit) o.unit = unit;
      const std::string expected = every_form(isms::build_report(all, o));
      for (int y = 2022; y < 2026; ++y) o.earlier[y] = isms::year_facts(store_of(root, {{y}, {}}), y);
      CHECK(every_form(isms::build_report(year, o)) == expected);
    }
  }
  // The facts hold what the report shows: lio's 2025 in full, the
  // cumulative of each objective of its Q4 approval.
  const isms::YearFacts f = isms::year_facts(all, 2025);
  REQUIRE(f.count("lio"));
  CHECK(f.at("lio").judged > 0);
  CHECK(f.at("lio").cumulative.size() == static_cast<std::size_t>(f.at("lio").judged));
  CHECK(isms::year_facts(all, 2020).at("lio") == isms::UnitYearFacts{});  // before the store: nothing judged
}

TEST_CASE("a year's facts read back exactly from their encoding, and nothing else reads as facts") {
  const isms::Store all = example_store();
  for (int y : {2024, 2025, 2026, 2027}) {
    CAPTURE(y);
    const isms::YearFacts f = isms::year_facts(all, y);
    const std::string body = isms::encode_year_facts(f);
    const auto back = isms::decode_year_facts(body);
    REQUIRE(back);
    CHECK(*back == f);
    CHECK_FALSE(isms::decode_year_facts(body.substr(0, body.size() - 1)));
    CHECK_FALSE(isms::decode_year_facts(body + "x"));
  }
  isms::YearFacts odd;
  odd["a b:7"].cumulative["x\ny"] = isms::Cumulative{isms::Decimal::from_units(-1), 3};
  odd["a b:7"].cumulative["none"] = isms::Cumulative{std::nullopt, 0};
  odd["z"] = {1, 2, {}};
  CHECK(isms::decode_year_facts(isms::encode_year_facts(odd)) == odd);
  for (const char* bad : {"", "year-facts-1 \n", "year-facts-1 \nunit 1:a 1 1 1 \nend \n",
                          "year-facts-1 \nunit 9:a 1 1 0 \nend \n", "year-facts-1 \nunit 1:a -1 1 0 \nend \n",
                          "year-facts-2 \nend \n", "year-facts-1 \nunit 1:a 1 1 0\nend \n",
                          "year-facts-1 \nunit 1:a 1 1 1 \nobjective 1:x 99999999999999999999 4 \nend \n",
                          "year-facts-1 \nunit 1:a 1 1 1 \nobjective 1:x 5 5 \nend \n"}) {
    CAPTURE(bad);
    CHECK_FALSE(isms::decode_year_facts(bad));
  }
}

TEST_CASE("an earlier year's facts come from the summary cache only while nothing in that year changed") {
  auto env = example_in_memory();
  const fs::path root = "/store";
  env->advance_clock(std::uint64_t{10} * 1000000000u);  // the files are old enough to trust their stamps
  int loads = 0;
  const auto load = counting_load(*env, root, &loads);
  const auto facts = [&](const std::set<std::string>& units = {}, const std::string& tool = "tool") {
    isms::YearFacts f;
    REQUIRE(isms::earlier_year_facts(*env, root, tool, 2025, units, load, &f));
    return f;
  };
  const auto computed = [&](const std::set<std::string>& units = {}) {
    isms::Store store;
    isms::Diagnostics d;
    REQUIRE(isms::load_store(*env, root, scoped({{2025}, units}), &store, d).is_ok());
    return isms::year_facts(store, 2025);
  };
  const isms::YearFacts clean = computed();
  CHECK(facts() == clean);
  CHECK(loads == 1);
  CHECK(facts() == clean);
  CHECK(loads == 1);  // from the summary
  CHECK(facts({}, "") == clean);
  CHECK(loads == 2);  // no cache: loaded
  CHECK(facts({"lio"}) == computed({"lio"}));
  CHECK(loads == 3);  // some units: loaded, and the summary of every unit kept
  CHECK(facts() == clean);
  CHECK(loads == 3);

  // lio's Q4 2025 patch rate edited in place, its size and mtime kept.
  const fs::path result = root / "units/lio/2025/results/q4/vuln-patch-rate.yaml";
  const std::string text = *env->get(result);
  const std::uint64_t mtime = env->stamp_of(result)->mtime_ns;
  REQUIRE(text.find("numerator: 39") != std::string::npos);
  env->put_keeping_stamp(result, replaced(text, "numerator: 39", "numerator: 19"));
  env->set_mtime(result, mtime);
  const isms::YearFacts edited = facts();
  CHECK(loads == 4);
  CHECK(edited != clean);
  CHECK(edited == computed());
  CHECK(edited.at("lio").cumulative.at("vuln-patch-rate") != clean.at("lio").cumulative.at("vuln-patch-rate"));

  // A load that fails fails the facts, and keeps nothing.
  const auto failing = [&](const isms::LoadOptions&, isms::Store*) { return false; };
  env->advance_clock(std::uint64_t{10} * 1000000000u);
  isms::YearFacts none;
  CHECK_FALSE(isms::earlier_year_facts(*env, root, "tool", 2024, {}, failing, &none));
  // The edit was too recent to keep its facts; now they are kept.
  CHECK(facts() == edited);
  CHECK(loads == 5);
  CHECK(facts() == edited);
  CHECK(loads == 5);
  for (const auto& [path, content] : env->files_below(root)) CHECK(path.find("summaries/report/2024") == std::string::npos);
}
