#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/format/digest.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/validate.h"
#include "isms/views/retention.h"
#include "support.h"

namespace fs = std::filesystem;
using isms::TableState;
using namespace test;

TEST_CASE("example store: every table's state and the approval in force per quarter") {
  auto l = load(fs::path(ISMS_SOURCE_DIR) / "examples/university");
  const auto& s = l->store;
  for (int year : {2024, 2025, 2026}) {
    for (const auto& u : s.config->units) {
      CAPTURE(year);
      CAPTURE(u.id);
      CHECK(isms::table_status(s, year, u.id).state == TableState::Approved);
    }
  }
  CHECK(isms::table_status(s, 2027, "lio").state == TableState::Submitted);
  CHECK(isms::table_status(s, 2027, "academic").state == TableState::Draft);
  CHECK(isms::table_status(s, 2027, "intl").state == TableState::Missing);

  // 圖書資訊處 2026: revision 2 approved 2026-04-28 lowered a target; Q1 stays on revision 1.
  CHECK(isms::table_status(s, 2026, "lio").in_force->revision == 2);
  CHECK(isms::in_force_for_quarter(s, 2026, "lio", 1)->revision == 1);
  CHECK(isms::in_force_for_quarter(s, 2026, "lio", 2)->revision == 2);
  // 研究發展處 2025: revision 1 got changes requested, revision 2 was approved before the year.
  CHECK(isms::in_force_for_quarter(s, 2025, "research", 1)->revision == 2);
  CHECK(isms::in_force_for_quarter(s, 2027, "lio", 1) == nullptr);
}

TEST_CASE("a comment-only edit keeps the approval; a target edit makes the table pending re-approval") {
  Scratch t;
  const std::string table = "units/cc/2026/setting.yaml";
  SUBCASE("whitespace and comments") {
    t.replace(table, "    target: 90\n", "    target: 90.0     # 目標值 unchanged\n");
    t.replace(table, "kind: setting\n", "# reviewed 2026-02-01\nkind: setting\n");
    auto l = load(t.root);
    CHECK(file_codes(l->diags) == "");
    CHECK(isms::table_status(l->store, 2026, "cc").state == TableState::Approved);
  }
  SUBCASE("a changed target") {
    t.replace(table, "    target: 90\n", "    target: 85\n");
    auto l = load(t.root);
    CHECK(file_codes(l->diags) == "units/cc/2026/setting.yaml setting.pending-reapproval\n");
    const auto s = isms::table_status(l->store, 2026, "cc");
    CHECK(s.state == TableState::PendingReapproval);
    REQUIRE(s.in_force != nullptr);
    CHECK(s.in_force->revision == 1);
    CHECK(s.in_force->approved[0].target.value == isms::Decimal::from_int(90));  // old target in force
  }
  SUBCASE("a changed owner") {
    t.replace(table, "    owner: cc.staff\n", "    owner: cc.head\n");
    CHECK(isms::table_status(load(t.root)->store, 2026, "cc").state == TableState::PendingReapproval);
  }
}

TEST_CASE("decisions other than approval") {
  Scratch t;
  auto decide = [&](const char* decision) {
    auto l = load(t.root);
    const std::string digest = isms::table_status(l->store, 2026, "acad").digest;
    t.write("approvals/2026/acad/r1.yaml", "kind: approval\nyear: 2026\nunit: acad\nrevision: 1\ndecision: " +
                                               std::string(decision) + "\nby: ciso\ndate: \"2025-12-20\"\n"
                                               "digest: \"" + digest + "\"\n");
    return load(t.root);
  };
  SUBCASE("rejected") { CHECK(isms::table_status(decide("rejected")->store, 2026, "acad").state == TableState::Rejected); }
  SUBCASE("changes requested") {
    auto l = decide("changes-requested");
    CHECK(file_codes(l->diags) == "");
    CHECK(isms::table_status(l->store, 2026, "acad").state == TableState::ChangesRequested);
    CHECK(isms::table_status(l->store, 2026, "acad").in_force == nullptr);
  }
}

TEST_CASE("a late first approval judges the quarters before it") {
  Scratch t;
  t.replace("approvals/2026/cc/r1.yaml", "date: \"2025-12-10\"", "date: \"2026-05-02\"");
  auto l = load(t.root);
  CHECK(isms::in_force_for_quarter(l->store, 2026, "cc", 1)->revision == 1);
}

TEST_CASE("authority: only the CISO of the day, never the compiler") {
  Scratch t;
  SUBCASE("someone else") {
    t.replace("approvals/2026/cc/r1.yaml", "by: ciso", "by: sec");
    CHECK(file_codes(load(t.root)->diags) == "approvals/2026/cc/r1.yaml approval.not-ciso\n");
  }
  SUBCASE("the compiler, even as CISO") {
    t.replace("isms-obj.yaml", "  ciso: ciso\n", "  ciso: cc.staff\n");
    t.replace("approvals/2026/cc/r1.yaml", "by: ciso", "by: cc.staff");
    // The Q1 review by 'ciso', who no longer holds the role, is reported too.
    CHECK(file_codes(load(t.root)->diags) ==
          "approvals/2026/cc/r1.yaml approval.self-approval\nreviews/2026/q1/cc.yaml review.not-ciso\n");
  }
  SUBCASE("a CISO whose term had ended") {
    t.replace("isms-obj.yaml", "  ciso: ciso\n",
              "  ciso:\n    - {person: ciso, from: \"2024-01-01\", until: \"2025-11-30\"}\n"
              "    - {person: sec, from: \"2025-12-01\"}\n");
    CHECK(file_codes(load(t.root)->diags) ==
          "approvals/2026/cc/r1.yaml approval.not-ciso\nreviews/2026/q1/cc.yaml review.not-ciso\n");
  }
  SUBCASE("a snapshot that does not describe the approved content") {
    t.replace("approvals/2026/cc/r1.yaml", "    target: 90\n", "    target: 80\n");
    CHECK(file_codes(load(t.root)->diags) == "approvals/2026/cc/r1.yaml approval.snapshot-mismatch\n");
  }
  SUBCASE("a revision that does not exist yet") {
    t.replace("approvals/2026/cc/r1.yaml", "revision: 1", "revision: 2");
    fs::rename(t.root / "approvals/2026/cc/r1.yaml", t.root / "approvals/2026/cc/r2.yaml");
    // the digest still matches the content, so only the revision number is wrong
    CHECK(file_codes(load(t.root)->diags) == "approvals/2026/cc/r2.yaml approval.revision-ahead\n");
  }
}

TEST_CASE("setting deadlines around Dec 15") {
  Scratch t;
  struct Row {
    const char* today;
    const char* expected;
  };
  const Row rows[] = {
      {"2026-12-15", ""},
      {"2026-12-16", "isms-obj.yaml deadline.setting-late\nisms-obj.yaml deadline.setting-late\n"},  // cc, acad 2027
      {"2026-06-30", ""},
  };
  for (const auto& r : rows) {
    CAPTURE(r.today);
    CHECK(file_codes(load(t.root, isms::Date::parse(r.today))->diags) == r.expected);
  }
  t.replace("units/acad/2026/setting.yaml", "status: submitted", "status: draft");
  CHECK(file_codes(load(t.root, isms::Date::parse("2026-06-30"))->diags) == "isms-obj.yaml deadline.setting-late\n");
}
