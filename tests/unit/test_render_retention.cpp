#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/retention.h"

namespace {

isms::RetentionReport report() {
  isms::RetentionReport r;
  r.today = isms::Date{2026, 11, 24};
  r.location = "圖書資訊處";
  r.years = 1;
  r.groups.push_back({isms::RecordKind::Setting, 2024, 8, isms::Date{2025, 12, 31}, true});
  r.history_checked = true;
  r.commits = 3;
  r.findings.push_back({isms::DiagCode::RetentionDeleted, "units/lio/2026/results/q1/x.yaml",
                        "0123456789abcdef0123", "Lin <lin@example.edu>", isms::Date{2026, 5, 1}, "deleted"});
  return r;
}

}  // namespace

TEST_CASE("retention text: the rule, the groups, each violation with its commit, and the count") {
  const std::string text = isms::retention_text(report(), [](const std::string& rel) { return "store/" + rel; });
  CHECK(text.rfind("Retention as of 2026-11-24: kept at least 1 year(s) after the end of the year it covers, at 圖書資訊處\n",
                   0) == 0);
  CHECK(text.find("005-01 setting  2024      8  2025-12-31    past retention: may be disposed of") != std::string::npos);
  CHECK(text.find("store/units/lio/2026/results/q1/x.yaml: violation: deleted (commit 0123456789ab by Lin "
                  "<lin@example.edu> on 2026-05-01) [retention.deleted]\n") != std::string::npos);
  CHECK(text.substr(text.size() - 15) == "1 violation(s)\n");
}

TEST_CASE("retention JSON names the code and keeps the whole commit") {
  const auto j = nlohmann::json::parse(isms::retention_json(report()));
  CHECK(j["format"] == "isms-obj.retention/1");
  CHECK(j["violations"][0]["code"] == "retention.deleted");
  CHECK(j["violations"][0]["commit"] == "0123456789abcdef0123");
  CHECK(j["records"][0]["past_retention"] == true);
}
