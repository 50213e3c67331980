// The audit trail as a person and a script read it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/history.h"
#include "support.h"

using namespace test;

TEST_CASE("history_text names people and fields, dates in the store's calendar, and the record of each act") {
  const isms::Store store = example_store();
  const auto h = isms::build_history(store, {2026, "lio", std::nullopt});
  const std::string zh = isms::history_text(h, isms::Language::ZhTW, isms::Calendar::Roc);
  CHECK(zh.rfind("資通安全目標稽核軌跡（ISMS-P-005）— 圖書資訊處（lio）115年度\n", 0) == 0);
  CHECK(zh.find("115.04.28  資通安全長核定第2版  李志宏\n") != std::string::npos);
  CHECK(zh.find("核心系統可用率（校務行政、電子郵件、校網） — 目標值：>= 99.9 → >= 99.5") != std::string::npos);
  CHECK(zh.find("[approvals/2026/lio/r2.yaml]") != std::string::npos);
  CHECK(zh.find("高風險弱點修補完成率（30日內）：46/50  報告人：陳怡伶") != std::string::npos);
  const std::string en = isms::history_text(h, isms::Language::En, isms::Calendar::Gregorian);
  CHECK(en.find("2026-04-28  The CISO approved revision 2") != std::string::npos);
  CHECK(en.find("Library and Information Office (lio) 2026") != std::string::npos);
}

TEST_CASE("history_json: one event per act, with the fields of its kind") {
  const isms::Store store = example_store();
  const auto h = isms::build_history(store, {2026, "lio", std::string("core-availability")});
  const auto j = nlohmann::json::parse(isms::history_json(h));
  CHECK(j["schema"] == "isms-obj.history/1");
  CHECK(j["objective"] == "core-availability");
  const auto& events = j["events"];
  REQUIRE(events.size() > 3);
  CHECK(events[0]["act"] == "decided");
  CHECK(events[0]["decision"] == "approved");
  CHECK(events[0]["compared_with"].is_null());
  bool revised = false, reported = false;
  for (const auto& e : events) {
    if (e["act"] == "decided" && e["revision"] == 2) {
      revised = true;
      CHECK(e["changes"][0]["field"] == "target");
      CHECK(e["changes"][0]["after"] == ">= 99.5");
    }
    if (e["act"] == "reported" && e["quarter"] == 1) {
      reported = true;
      CHECK(e["actual"].dump() == "99.62");  // exact decimal
      CHECK(e["by_name"] == "陳怡伶");
    }
  }
  CHECK(revised);
  CHECK(reported);
}
