#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/status.h"

namespace {

std::vector<isms::DueItem> items() {
  isms::DueItem late;
  late.state = isms::DueState::Late;
  late.kind = "review";
  late.year = 2026;
  late.quarter = 3;
  late.unit = "intl";
  late.unit_name = "國際事務處";
  late.due = isms::Date{2026, 10, 30};
  late.path = "reviews/2026/q3/intl.yaml";
  late.reason = isms::DueReason::NoReview;
  isms::DueItem open;
  open.state = isms::DueState::Open;
  open.kind = "referral";
  open.year = 2026;
  open.unit = "gone";
  open.path = "referrals/2026/gone/x.yaml";
  open.reason = isms::DueReason::ReferralOpen;
  open.objectives = {"patch"};
  open.since = isms::Date{2026, 10, 25};
  return {late, open};
}

using isms::Calendar;
using isms::Language;

}  // namespace

TEST_CASE("status text: names and ids, '-' without a due date, the counts last") {
  const std::string text =
      isms::status_text("開南大學", isms::Date{2026, 11, 24}, items(), Language::En, Calendar::Gregorian);
  CHECK(text.rfind("開南大學 — status on 2026-11-24\n", 0) == 0);
  CHECK(text.find("國際事務處 (intl)") != std::string::npos);
  CHECK(text.find("2026 Q3") != std::string::npos);
  CHECK(text.find("  gone  ") != std::string::npos);
  CHECK(text.substr(text.size() - 22) == "1 late, 0 due, 1 open\n");
  CHECK(text.find("'patch' corrective action open since 2026-10-25, no ISMS-P-008 case number yet") !=
        std::string::npos);
}

TEST_CASE("status text in a zh-TW ROC store: headers, states, periods, dates and reasons in its words") {
  const std::string text = isms::status_text("開南大學", isms::Date{2026, 11, 24}, items(), Language::ZhTW, Calendar::Roc);
  CHECK(text.rfind("開南大學 — 待辦事項（民國115年11月24日）\n", 0) == 0);
  for (const char* s : {"狀態", "期限", "說明", "逾期", "處理中", "季審核", "矯正措施", "115年 第3季", "115年度",
                        "115.10.30", "尚未記錄審核意見（ISMS-P-005-02）",
                        "「patch」矯正措施自民國115年10月25日起處理中，尚無ISMS-P-008案號", "逾期 1、待辦 0、處理中 1\n"}) {
    CAPTURE(s);
    CHECK(text.find(s) != std::string::npos);
  }
  for (const char* s : {"late", "review", "2026", "status on"}) {
    CAPTURE(s);
    CHECK(text.find(s) == std::string::npos);
  }
}

TEST_CASE("due messages: every reason worded in both languages, revisions named") {
  isms::DueItem i;
  i.revision = 3;
  i.in_force = 2;
  i.objectives = {"a", "b"};
  i.quarters = {2, 3};
  i.case_number = "ISMS-P-008-115-07";
  i.since = isms::Date{2026, 10, 25};
  struct Case {
    isms::DueReason reason;
    const char* en;
    const char* zh;
  };
  const Case cases[] = {
      {isms::DueReason::Rejected, "revision 3: rejected by the CISO; revise and resubmit; revision 2 stays in force",
       "第3版：資通安全長未予核定；請修訂後重新送核；核定版次2仍有效"},
      {isms::DueReason::PendingReapproval, "revision 3 pending re-approval; revision 2 stays in force",
       "第3版待重新核定；核定版次2仍有效"},
      {isms::DueReason::NoResults, "no result for a, b", "缺少實績：a、b"},
      {isms::DueReason::ReferralDue, "'a, b' missed in Q2, Q3: corrective action (ISMS-P-008) is due",
       "「a、b」第2季、第3季未達成：應提報矯正措施（ISMS-P-008）"},
      {isms::DueReason::ReferralOpen, "'a, b' corrective action open since 2026-10-25, case ISMS-P-008-115-07",
       "「a、b」矯正措施自民國115年10月25日起處理中，案號ISMS-P-008-115-07"},
  };
  for (const auto& c : cases) {
    i.reason = c.reason;
    CAPTURE(isms::to_string(c.reason));
    CHECK(isms::due_message(i, Language::En, Calendar::Gregorian) == c.en);
    CHECK(isms::due_message(i, Language::ZhTW, Calendar::Roc) == c.zh);
  }
  i.in_force = 0;
  i.reason = isms::DueReason::ChangesRequested;
  CHECK(isms::due_message(i, Language::En, Calendar::Gregorian) == "the CISO requested changes; revise and resubmit");
}

TEST_CASE("status JSON: null for no quarter and no due date") {
  const auto j = nlohmann::json::parse(isms::status_json(isms::Date{2026, 11, 24}, items()));
  CHECK(j["format"] == "isms-obj.status/1");
  CHECK(j["late"] == 1);
  CHECK(j["items"][0]["due"] == "2026-10-30");
  CHECK(j["items"][1]["quarter"].is_null());
  CHECK(j["items"][1]["due"].is_null());
  CHECK(j["items"][0]["reason"] == "no-review");
  CHECK(j["items"][0]["message"] == "no review recorded (ISMS-P-005-02 審核意見)");
}
