#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

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

namespace {

isms::Store example_scope(isms::LoadScope scope) {
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(posix(), std::filesystem::path(ISMS_SOURCE_DIR) / "examples/university", scoped(scope),
                           &store, d)
              .is_ok());
  return store;
}

// Everything an item holds, a line.
std::string shown(const std::vector<isms::DueItem>& items) {
  std::string out;
  for (const auto& i : items) {
    out += fmt::format("{} {} {} Q{} {} {} {} {} r{} f{} [{}] [{}] {} {} {}\n", isms::to_string(i.state), i.kind, i.year,
                       i.quarter, i.unit, i.due ? i.due->iso() : "-", i.path, isms::to_string(i.reason), i.revision,
                       i.in_force, fmt::join(i.objectives, ","), fmt::join(i.quarters, ","),
                       i.since ? i.since->iso() : "-", i.case_number, i.unit_name);
  }
  return out;
}

}  // namespace

TEST_CASE("last year's quarters from a store of their own give the items a store of every year gives") {
  const isms::Store all = example_scope({});
  for (const char* day : {"2025-01-10", "2025-02-14", "2025-02-15", "2025-11-24", "2026-01-05", "2026-01-16",
                          "2026-02-14", "2026-02-15", "2026-11-24", "2027-01-20", "2027-03-01"}) {
    CAPTURE(day);
    const isms::Date today = *isms::Date::parse(day);
    const isms::Store last = example_scope({{today.year - 1}, {}});
    const isms::Store rest = example_scope({{today.year, today.year + 1}, {}, /*referrals_every_year=*/true});
    const std::map<int, std::vector<isms::DueItem>> earlier{
        {today.year - 1, isms::year_quarter_items(last, today, today.year - 1)}};
    CHECK(shown(isms::due_items(rest, today, 30, earlier)) == shown(isms::due_items(all, today)));
  }
}

TEST_CASE("a year's quarters settle once every deadline of its results and reviews has passed") {
  isms::Policy p;  // results 15 days, reviews 30 days after the quarter
  CHECK(isms::quarters_settle(p, 2025) == isms::Date{2026, 1, 30});
  p.results_due_days = 45;
  CHECK(isms::quarters_settle(p, 2025) == isms::Date{2026, 2, 14});
  p.results_due_days = p.review_due_days = 0;
  CHECK(isms::quarters_settle(p, 2025) == isms::Date{2025, 12, 31});
}

TEST_CASE("due items read back exactly from their encoding, and nothing else reads as items") {
  const isms::Store all = example_scope({});
  std::vector<isms::DueItem> items = isms::due_items(all, isms::Date{2026, 11, 24});
  for (auto& i : items) i.unit_name.clear();  // not kept: due_items fills it
  REQUIRE(items.size() > 5);
  isms::DueItem odd;
  odd.kind = "referral";
  odd.unit = "a b\nc";
  odd.objectives = {"x", "", "1:2"};
  odd.quarters = {1, 4};
  odd.since = isms::Date{2025, 3, 1};
  odd.case_number = "ISMS-P-008 #3";
  items.push_back(odd);
  const std::string body = isms::encode_due_items(isms::Date{2026, 1, 30}, items);
  const auto back = isms::decode_due_items(body);
  REQUIRE(back);
  CHECK(back->settled_after == isms::Date{2026, 1, 30});
  CHECK(shown(back->items) == shown(items));
  CHECK_FALSE(isms::decode_due_items(body.substr(0, body.size() - 1)));
  CHECK_FALSE(isms::decode_due_items(body + "x"));
  for (const char* bad : {"", "due-items-1 10:2026-01-30 0 \n", "due-items-1 10:2026-13-30 0 \nend \n",
                          "due-items-1 10:2026-01-30 1 \nend \n", "due-items-2 10:2026-01-30 0 \nend \n",
                          "due-items-1 10:2026-01-30 1 \nitem 7 6:review 2025 1 3:lio none 0: 0 0 0 0 0 none 0: \nend \n",
                          "due-items-1 10:2026-01-30 1 \nitem 0 6:review 2025 5 3:lio none 0: 0 0 0 0 0 none 0: \nend \n"}) {
    CAPTURE(bad);
    CHECK_FALSE(isms::decode_due_items(bad));
  }
  CHECK(isms::decode_due_items(
      "due-items-1 10:2026-01-30 1 \nitem 0 6:review 2025 1 3:lio none 0: 0 0 0 0 0 none 0: \nend \n"));
}

TEST_CASE("last year's items come from the summary cache once settled, and only while nothing in that year changed") {
  auto env = example_in_memory();
  const std::filesystem::path root = "/store";
  env->advance_clock(std::uint64_t{10} * 1000000000u);  // the files are old enough to trust their stamps
  int loads = 0;
  const auto load = counting_load(*env, root, &loads);
  const auto items = [&](const char* day, const std::string& tool = "tool") {
    std::vector<isms::DueItem> out;
    REQUIRE(isms::earlier_quarter_items(*env, root, tool, 2025, *isms::Date::parse(day), load, &out));
    return shown(out);
  };
  const auto computed = [&](const char* day) {
    isms::Store store;
    isms::Diagnostics d;
    REQUIRE(isms::load_store(*env, root, scoped({{2025}, {}}), &store, d).is_ok());
    return shown(isms::year_quarter_items(store, *isms::Date::parse(day), 2025));
  };
  // Not settled before Jan 30: computed for the day, never kept.
  CHECK(items("2026-01-20") == computed("2026-01-20"));
  CHECK(items("2026-01-20") == computed("2026-01-20"));
  CHECK(loads == 2);
  CHECK(items("2026-01-30") == computed("2026-01-30"));
  CHECK(loads == 3);
  // Settled: kept once, then read on any later day.
  CHECK(items("2026-01-31") == computed("2026-01-31"));
  CHECK(loads == 4);
  CHECK(items("2026-11-24") == computed("2026-11-24"));
  CHECK(loads == 4);
  // Not on an earlier day, when they were not settled yet.
  CHECK(items("2026-01-05") == computed("2026-01-05"));
  CHECK(loads == 5);
  CHECK(items("2026-11-24", "") == computed("2026-11-24"));
  CHECK(loads == 6);  // no cache

  // A 2025 review removed: its quarter's review is owed again.
  const std::string before = items("2026-11-24");
  CHECK(loads == 6);
  REQUIRE(env->remove_file(root / "reviews/2025/q4/lio.yaml").is_ok());
  env->advance_clock(std::uint64_t{10} * 1000000000u);
  const std::string after = items("2026-11-24");
  CHECK(loads == 7);
  CHECK(after != before);
  CHECK(after.find("reviews/2025/q4/lio.yaml") != std::string::npos);
  CHECK(after == computed("2026-11-24"));
}
