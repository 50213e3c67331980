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
  const auto show = [](const std::string& rel) { return "store/" + rel; };
  const std::string text = isms::retention_text(report(), show, isms::Language::En, isms::Calendar::Gregorian);
  CHECK(text.rfind("Retention as of 2026-11-24: kept at least 1 year(s) after the end of the year it covers, at 圖書資訊處\n",
                   0) == 0);
  CHECK(text.find("005-01 setting  2024      8  2025-12-31    past retention: may be disposed of") != std::string::npos);
  CHECK(text.find("store/units/lio/2026/results/q1/x.yaml: violation: deleted (commit 0123456789ab by Lin "
                  "<lin@example.edu> on 2026-05-01) [retention.deleted]\n") != std::string::npos);
  CHECK(text.substr(text.size() - 15) == "1 violation(s)\n");
  // In a zh-TW ROC store: its words and dates; the diagnostic's message as it is.
  const std::string zh = isms::retention_text(report(), show, isms::Language::ZhTW, isms::Calendar::Roc);
  CHECK(zh.rfind("紀錄保存（截至民國115年11月24日）：自紀錄所屬年度結束起至少保存1年，保存單位：圖書資訊處\n", 0) == 0);
  const std::string group = zh.substr(zh.find("005-01 設定表"));
  CHECK(group.substr(0, group.find('\n')).find("113       8  114.12.31  已逾保存期限") != std::string::npos);
  CHECK(zh.find("store/units/lio/2026/results/q1/x.yaml: 違反保存規定: deleted（提交 0123456789ab，Lin "
                "<lin@example.edu>，115.05.01） [retention.deleted]\n") != std::string::npos);
  CHECK(zh.substr(zh.rfind('\n', zh.size() - 2) + 1) == "違反保存規定 1 項\n");
}

TEST_CASE("retention JSON names the code and keeps the whole commit") {
  const auto j = nlohmann::json::parse(isms::retention_json(report()));
  CHECK(j["format"] == "isms-obj.retention/1");
  CHECK(j["violations"][0]["code"] == "retention.deleted");
  CHECK(j["violations"][0]["commit"] == "0123456789abcdef0123");
  CHECK(j["records"][0]["past_retention"] == true);
}
