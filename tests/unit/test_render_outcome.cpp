#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/outcome.h"

TEST_CASE("write reports: the common fields, written and unchanged in path order") {
  isms::ReviewOutcome review;
  review.review = "reviews/2026/q2/cc.yaml";
  review.review_written = true;
  review.referrals = {"referrals/2026/cc/patch-rate.yaml"};
  const auto j = nlohmann::json::parse(isms::review_report_json(review));
  CHECK(j["format"] == "isms-obj.write/1");
  CHECK(j["command"] == "review");
  CHECK(j["dry_run"] == false);
  CHECK(j["written"] == nlohmann::json::array({"referrals/2026/cc/patch-rate.yaml", "reviews/2026/q2/cc.yaml"}));
  CHECK(j["unchanged"].empty());

  review.review_written = false;
  review.referrals.clear();
  const auto again = nlohmann::json::parse(isms::review_report_json(review));
  CHECK(again["written"].empty());
  CHECK(again["unchanged"] == nlohmann::json::array({"reviews/2026/q2/cc.yaml"}));
}

TEST_CASE("write reports: a dry run writes nothing; results keep their exact numbers") {
  isms::RecordOutcome out;
  isms::RecordedRow row;
  row.path = "units/cc/2026/results/q2/patch-rate.yaml";
  row.year = 2026;
  row.quarter = 2;
  row.unit = "cc";
  row.objective = "patch-rate";
  row.numerator = isms::Decimal::parse("12");
  row.denominator = isms::Decimal::parse("20");
  row.outcome.value = isms::Decimal::parse("60.0");
  row.outcome.cumulative = isms::Decimal::parse("55.25");
  row.outcome.status = isms::QuarterStatus::NotMet;
  out.rows.push_back(row);
  out.skipped = {4};
  const std::string text = isms::record_report_json(out, /*dry_run=*/true);
  CHECK(text.find("\"cumulative\": 55.25") != std::string::npos);
  const auto j = nlohmann::json::parse(text);
  CHECK(j["dry_run"] == true);
  CHECK(j["written"].empty());
  CHECK(j["results"][0]["action"] == "recorded");
  CHECK(j["results"][0]["status"] == "not met");
  CHECK(j["skipped_lines"] == nlohmann::json::array({4}));
  CHECK(nlohmann::json::parse(isms::record_report_json(out, false))["written"].size() == 1);
}

TEST_CASE("write reports: an approval already on record is unchanged, in_force null when none") {
  isms::ApproveOutcome out;
  out.existing = "approvals/2027/cc/r1.yaml";
  out.table = "units/cc/2027/setting.yaml";
  out.revision = 1;
  const auto j = nlohmann::json::parse(isms::approve_report_json(out, isms::Decision::Rejected, isms::Date{2026, 12, 5}));
  CHECK(j["unchanged"] == nlohmann::json::array({"approvals/2027/cc/r1.yaml"}));
  CHECK(j["decision"] == "rejected");
  CHECK(j["date"] == "2026-12-05");
  CHECK(j["in_force"].is_null());
}
