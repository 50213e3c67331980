#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include "isms/ops/init.h"
#include "isms/rules/measure.h"
#include "isms/rules/validate.h"
#include "isms/store/schema.h"
#include "isms/store/store.h"
#include "isms/views/complete.h"
#include "isms/views/findings.h"
#include "support.h"

namespace fs = std::filesystem;
using isms::RecordKind;
using namespace test;

TEST_CASE("semantic checks find what a schema cannot") {
  TempDir t;
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "tests/stores/minimal", t.path / "s", fs::copy_options::recursive);
  // owner unknown, target above 100 %, range shape, duplicate objective id
  write(t.path / "s/units/acad/2026/setting.yaml",
        "kind: setting\nyear: 2026\nunit: acad\nrevision: 1\nstatus: draft\ncompiled_by: acad.head\n"
        "supervisor: acad.head\nupdated: 2025-12-01\nobjectives:\n"
        "  - {id: a, item: A, comparison: \">=\", target: 120, unit: percent, precision: 0, aggregation: last,"
        " department: acad, owner: nobody, method: m, data_source: s}\n"
        "  - {id: a, item: B, comparison: range, target: 5, unit: count, precision: 0, aggregation: sum,"
        " department: acad, owner: acad.head, method: m, data_source: s}\n");
  // result for an objective that does not exist, reported before the quarter began
  write(t.path / "s/units/cc/2026/results/q2/nothing.yaml",
        "kind: result\nyear: 2026\nquarter: 2\nunit: cc\nobjective: nothing\nactual: 1\nreported_by: cc.staff\n"
        "reported: \"2026-03-01\"\n");
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), t.path / "s", {}, &store, d).is_ok());
  isms::check_store(store, {}, d);
  d.finish();
  CHECK(codes_at(d) ==
        "units/acad/2026/setting.yaml:10:48 target.out-of-range\n"
        "units/acad/2026/setting.yaml:10:126 ref.unknown-person\n"
        "units/acad/2026/setting.yaml:11:10 setting.duplicate-objective\n"
        "units/acad/2026/setting.yaml:11:49 target.shape\n"
        "units/cc/2026/results/q2/nothing.yaml:5:12 ref.unknown-objective\n"
        "units/cc/2026/results/q2/nothing.yaml:8:11 result.reported-early\n");
}

TEST_CASE("reviews and referrals are checked without a configuration, and no role is claimed") {
  // The fuzzer found it: with isms-obj.yaml invalid the role checks of
  // reviews and referrals read the absent configuration (use after free).
  isms::Store store = example_store();
  REQUIRE_FALSE(store.reviews.empty());
  REQUIRE_FALSE(store.referrals.empty());
  store.config.reset();
  isms::Diagnostics d;
  isms::check_store(store, {}, d);
  for (const auto& x : d.items()) {
    CHECK(x.code != isms::DiagCode::ReviewNotCiso);
    CHECK(x.code != isms::DiagCode::ReferralDecision);
  }
}

TEST_CASE("confirmations: by the unit's head, after the quarter, of results that exist and are still in force") {
  const std::string head =
      "kind: confirmation\nyear: 2026\nquarter: 3\nunit: lio\nconfirmed_by: {by}\ndate: \"{date}\"\nresults:\n";
  const std::string all =
      "  backup-restore-success: 1\n  core-availability: 1\n  incident-report-time: 1\n  phishing-open-rate: 1\n"
      "  pii-incidents: 1\n  training-completion: 1\n  vuln-patch-rate: 1\n";
  struct Case {
    const char* name;
    std::string by, date, results, policy;
    std::string expected;  // codes_at of the confirmation and review files
  } cases[] = {
      {"the head, every result", "lin.mh", "2026-10-08", all, "", ""},
      {"not the head", "chen.yl", "2026-10-08", all, "", "confirmations/2026/q3/lio.yaml:5:15 confirmation.not-head\n"},
      {"before the quarter ended", "lin.mh", "2026-09-30", all, "",
       "confirmations/2026/q3/lio.yaml:6:7 confirmation.date-early\n"},
      {"a result that is not on record", "lin.mh", "2026-10-08", replaced(all, "  pii-incidents: 1\n", "  pii-incidents: 3\n"), "",
       "confirmations/2026/q3/lio.yaml:8:3 confirmation.stale\n"
       "confirmations/2026/q3/lio.yaml:12:18 confirmation.unknown-result\n"},
      {"a result recorded after it", "lin.mh", "2026-10-08", replaced(all, "  pii-incidents: 1\n", ""), "",
       "confirmations/2026/q3/lio.yaml:8:3 confirmation.stale\n"},
      {"required, and the review came first", "lin.mh", "2026-10-30", all,
       "  confirmation: required\n", "reviews/2026/q3/lio.yaml:10:7 review.unconfirmed\n"},
      {"required from after the review", "lin.mh", "2026-10-30", all,
       "  confirmation: required\n  confirmation_from: \"2026-11-01\"\n", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    Scratch s("examples/university");
    std::string text = head + c.results;
    text = replaced(replaced(text, "{by}", c.by), "{date}", c.date);
    s.write("confirmations/2026/q3/lio.yaml", text);
    if (!c.policy.empty()) s.replace("isms-obj.yaml", "policy:\n", "policy:\n" + c.policy);
    const auto l = load(s.root);
    std::string got;
    for (const auto& x : l->diags.items()) {
      if (x.file.rfind("confirmations/", 0) == 0 || x.file == "reviews/2026/q3/lio.yaml") {
        got += fmt::format("{}:{}:{} {}\n", x.file, x.mark.line, x.mark.column, isms::code_name(x.code));
      }
    }
    CHECK(got == c.expected);
  }
}

TEST_CASE("a ratio whose quotient leaves the range of a value is result.out-of-range, and judging it does not wrap") {
  isms::Store store = example_store();
  // The first ratio result on file, its objective made a plain (not
  // percent) ratio, its denominator shrunk until n/d is beyond 10^12.
  isms::Result* r = nullptr;
  for (auto& x : store.results) {
    if (x.numerator && x.denominator && x.year == 2026) {
      r = &x;
      break;
    }
  }
  REQUIRE(r);
  for (auto& a : store.approvals) {
    for (auto& o : a.approved) {
      if (a.unit == r->unit && o.id == r->objective) o.unit = isms::MeasureUnit::Score;
    }
  }
  r->numerator = isms::Decimal::parse("1000000000000");
  r->denominator = isms::Decimal::parse("0.000001");
  isms::Diagnostics d;
  isms::check_store(store, {}, d);
  d.finish();
  std::string found;
  for (const auto& x : d.items()) {
    if (x.file == r->file) found += rendered(x);
  }
  CHECK(found.find("result.out-of-range numerator 1000000000000 / denominator 0.000001 is beyond the range of a value") !=
        std::string::npos);
  // The quarter has no value rather than a wrapped one.
  const auto y = isms::evaluate(store, r->year, r->unit, r->objective, r->quarter);
  CHECK_FALSE(y.quarters[static_cast<std::size_t>(r->quarter - 1)].outcome.value.has_value());
}
