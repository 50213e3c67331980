#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/review.h"
#include "support.h"

using namespace test;

TEST_CASE("the review view in both languages and as JSON, from the judged quarter") {
  const isms::Store store = example_store();
  const auto views = isms::review_view(store, 2026, 3, std::string("lio"));
  const std::string zh = isms::review_text(views, 2026, 3, isms::Language::ZhTW, isms::Calendar::Roc);
  CHECK(zh.rfind("ISMS-P-005-02 資通安全目標檢討表  115年 第3季\n目標執行單位: 圖書資訊處 (lio)", 0) == 0);
  CHECK(zh.find("vuln-patch-rate: 無法達成 — 依目前量，第4季需達105.5%") != std::string::npos);
  const std::string gregorian = isms::review_text(views, 2026, 3, isms::Language::ZhTW, isms::Calendar::Gregorian);
  CHECK(gregorian.rfind("ISMS-P-005-02 資通安全目標檢討表  2026年 第3季\n", 0) == 0);
  CHECK(zh.find("矯正措施 (ISMS-P-008):\n  vuln-patch-rate: 未達成 Q2, Q3 — referrals/2026/lio/vuln-patch-rate.yaml (open)") !=
        std::string::npos);
  const std::string en = isms::review_text(views, 2026, 3, isms::Language::En, isms::Calendar::Gregorian);
  CHECK(en.find("vuln-patch-rate: lost — would need 105.5 % in Q4 at the volume so far") != std::string::npos);
  CHECK(en.find("Unit: 圖書資訊處 (lio)") != std::string::npos);
  CHECK(en.find("vuln-patch-rate: missed Q2, Q3") != std::string::npos);
  const auto j = nlohmann::json::parse(isms::review_json(views, 2026, 3));
  CHECK(j["format"] == "isms-obj.review/1");
  CHECK(j["units"][0]["name"] == "圖書資訊處");
  CHECK(j["units"][0]["objectives"][1]["missed_quarters"] == nlohmann::json::array({2, 3}));
}
