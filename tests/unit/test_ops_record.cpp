// record-quarter on the in-memory Env: rows from CSV, refusals at their
// input line, amendments that keep the earlier value.
#include <doctest/doctest.h>

#include "isms/ops/record.h"
#include "support.h"

using namespace test;

namespace {

isms::RecordRequest request(const std::string& csv, isms::Diagnostics& diags) {
  isms::RecordRequest req;
  req.input = "q4.csv";
  REQUIRE(isms::result_rows_from_csv(csv, "q4.csv", &req.rows, diags));
  req.year = 2026;
  req.quarter = 4;
  req.unit = "lio";
  req.reporter = "chen.yl";
  req.today = isms::Date{2027, 1, 6};
  req.write.lock_holder = "test";
  return req;
}

}  // namespace

TEST_CASE("record-quarter: every row or none, problems at their line") {
  auto env = example_in_memory();
  isms::Diagnostics diags;
  const auto bad = request("objective,actual\npii-incidents,0\nno-such-objective,1\n", diags);
  isms::RecordOutcome out;
  CHECK(isms::record_results(*env, "/store", bad, &out, diags).code() == isms::Status::Code::InvalidArgument);
  CHECK(env->writes() == 0);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].file == "q4.csv");
  CHECK(diags.items()[0].mark.line == 3);
  CHECK(isms::code_name(diags.items()[0].code) == "record.not-in-force");
}

TEST_CASE("record-quarter: recording again changes nothing; a new value needs --amend and a reason") {
  auto env = example_in_memory();
  isms::Diagnostics diags;
  isms::RecordOutcome out;
  REQUIRE(isms::record_results(*env, "/store", request("objective,actual\npii-incidents,0\n", diags), &out, diags)
              .is_ok());
  CHECK(out.rows.at(0).action == isms::RecordedRow::Action::Recorded);
  const int writes = env->writes();
  out = {};
  REQUIRE(isms::record_results(*env, "/store", request("objective,actual\npii-incidents,0\n", diags), &out, diags)
              .is_ok());
  CHECK(out.rows.at(0).action == isms::RecordedRow::Action::Unchanged);
  CHECK(env->writes() == writes);

  auto changed = request("objective,actual,variance\npii-incidents,1,一件個資外洩\n", diags);
  CHECK(isms::record_results(*env, "/store", changed, &out, diags).code() == isms::Status::Code::InvalidArgument);
  changed.amend = true;
  changed.reason = "late report from the unit";
  diags = {};
  out = {};
  REQUIRE(isms::record_results(*env, "/store", changed, &out, diags).is_ok());
  CHECK(out.rows.at(0).action == isms::RecordedRow::Action::Amended);
  CHECK(env->get("/store/units/lio/2026/results/q4/pii-incidents.yaml"));
  const auto amended = env->get("/store/units/lio/2026/results/q4/pii-incidents.2.yaml");
  REQUIRE(amended);
  CHECK(amended->find("reason: late report from the unit") != std::string::npos);
}
