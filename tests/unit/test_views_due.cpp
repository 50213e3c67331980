#include <doctest/doctest.h>

#include "isms/ops/approve.h"
#include "isms/views/due.h"
#include "support.h"

using namespace test;

TEST_CASE("due items of the example store on 2026-11-24: the late review first, unit names, counts") {
  const isms::Store store = example_store();
  const auto items = isms::due_items(store, isms::Date{2026, 11, 24});
  REQUIRE_FALSE(items.empty());
  CHECK(items[0].state == isms::DueState::Late);
  CHECK(items[0].kind == "review");
  CHECK(items[0].unit == "intl");
  CHECK(items[0].unit_name == "國際事務處");
  CHECK(items[0].due == isms::Date{2026, 10, 30});
  const isms::DueCounts n = isms::count_due(items);
  CHECK(n.late == 1);
  CHECK(n.due == 8);
  CHECK(n.open == 1);
}

TEST_CASE("next year's tables are due from the horizon before Dec 15, and late after it") {
  const isms::Store store = example_store();
  auto settings = [&](const isms::Date& day, int horizon) {
    int n = 0;
    for (const auto& i : isms::due_items(store, day, horizon)) n += i.kind == "setting" && i.year == 2027;
    return n;
  };
  CHECK(settings({2026, 11, 14}, 30) == 0);
  CHECK(settings({2026, 11, 15}, 30) == 8);
  bool late = false;
  for (const auto& i : isms::due_items(store, {2026, 12, 16}, 30)) {
    late = late || (i.kind == "setting" && i.state == isms::DueState::Late);
  }
  CHECK(late);
}

TEST_CASE("a revision the CISO sends back is open, not late: the approved revision stays in force") {
  auto env = example_in_memory();
  const std::string rel = "/store/units/lio/2026/setting.yaml";
  env->put(rel, replaced(replaced(*env->get(rel), "\nrevision: 2\n", "\nrevision: 3\n"), "    target: 99.5\n",
                         "    target: 99.6\n"));
  for (const auto decision : {isms::Decision::ChangesRequested, isms::Decision::Rejected}) {
    CAPTURE(isms::to_string(decision));
    isms::ApproveRequest req;
    req.year = 2026;
    req.unit = "lio";
    req.by = "lee.ch";
    req.decision = decision;
    req.comment = "目標調整理由不足";
    req.today = isms::Date{2026, 11, 24};
    req.write.lock_holder = "test";
    isms::ApproveOutcome out;
    isms::Diagnostics diags;
    REQUIRE(isms::approve(*env, "/store", req, &out, diags).is_ok());
    isms::Store store;
    REQUIRE(isms::load_store(*env, "/store", {}, &store, diags).is_ok());
    const auto items = isms::due_items(store, isms::Date{2026, 11, 24});
    const isms::DueItem* lio = nullptr;
    for (const auto& i : items) {
      if (i.kind == "setting" && i.year == 2026 && i.unit == "lio") lio = &i;
    }
    REQUIRE(lio);
    CHECK(lio->state == isms::DueState::Open);
    CHECK_FALSE(lio->due);
    CHECK(lio->revision == 3);
    CHECK(lio->in_force == 2);
    CHECK(lio->reason == (decision == isms::Decision::Rejected ? isms::DueReason::Rejected
                                                               : isms::DueReason::ChangesRequested));
  }
}

TEST_CASE("policy.first_year: nothing of an earlier year is due, late or missing") {
  struct Case {
    const char* policy;
    bool due_2026;     // due items about 2026 on 2027-01-20 (Q4 results, reviews)
    bool late_tables;  // validate: the 2027 tables, due 2026-12-15, are missing
  } cases[] = {{"", true, true}, {"  first_year: 2027\n", false, true}, {"  first_year: 2028\n", false, false}};
  for (const auto& c : cases) {
    CAPTURE(c.policy);
    Scratch s("examples/university");
    s.replace("isms-obj.yaml", "policy:\n", std::string("policy:\n") + c.policy);
    const auto l = load(s.root, isms::Date{2027, 1, 20});
    bool about_2026 = false;
    for (const auto& i : isms::due_items(l->store, {2027, 1, 20})) {
      about_2026 = about_2026 || (i.year == 2026 && i.kind != "referral");
    }
    CHECK(about_2026 == c.due_2026);
    bool late = false;
    for (const auto& d : l->diags.items()) late = late || d.code == isms::DiagCode::DeadlineSettingLate;
    CHECK(late == c.late_tables);
  }
}
