#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/review.h"
#include "support.h"

using namespace test;

TEST_CASE("the review view in both languages and as JSON, from the judged quarter") {
  const isms::Store store = example_store();
  const auto views = isms::review_view(store, 2026, 3, std::string("lio"));
  const std::string zh = isms::review_text(views, 2026, 3, *store.config, isms::Language::ZhTW, isms::Calendar::Roc);
  CHECK(zh.rfind("ISMS-P-005-02 資通安全目標檢討表  115年 第3季\n目標執行單位: 圖書資訊處 (lio)", 0) == 0);
  CHECK(zh.find("vuln-patch-rate: 無法達成 — 依目前量，第4季需達105.5%") != std::string::npos);
  const std::string gregorian = isms::review_text(views, 2026, 3, *store.config, isms::Language::ZhTW, isms::Calendar::Gregorian);
  CHECK(gregorian.rfind("ISMS-P-005-02 資通安全目標檢討表  2026年 第3季\n", 0) == 0);
  CHECK(zh.find("矯正措施 (ISMS-P-008):\n  vuln-patch-rate: 第2季、第3季 未達成 — referrals/2026/lio/vuln-patch-rate.yaml (處理中)") !=
        std::string::npos);
  const std::string en = isms::review_text(views, 2026, 3, *store.config, isms::Language::En, isms::Calendar::Gregorian);
  CHECK(en.find("vuln-patch-rate: lost — would need 105.5 % in Q4 at the volume so far") != std::string::npos);
  CHECK(en.find("Unit: Library and Information Office (lio)") != std::string::npos);
  CHECK(en.find("vuln-patch-rate: Q2, Q3 missed") != std::string::npos);
  // People by name, dates in the store's calendar: never an id or an ISO date.
  CHECK(zh.find("(李志宏 115.10.25; 權責主管 林明輝)") != std::string::npos);
  CHECK(zh.find("第2季 vuln-patch-rate: 機房搬遷期間") != std::string::npos);
  CHECK(zh.find("(陳怡伶 115.07.09)") != std::string::npos);
  CHECK(en.find("(Lee Chih-hung 2026-10-25; supervisor Lin Ming-hui)") != std::string::npos);
  CHECK(zh.find("lee.ch") == std::string::npos);
  CHECK(zh.find("2026-") == std::string::npos);
  const auto j = nlohmann::json::parse(isms::review_json(views, 2026, 3));
  CHECK(j["format"] == "isms-obj.review/1");
  CHECK(j["units"][0]["name"] == "圖書資訊處");
  CHECK(j["units"][0]["objectives"][1]["missed_quarters"] == nlohmann::json::array({2, 3}));
}
