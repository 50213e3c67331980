// What a change does to kept records (validate --base): the change is
// described by hand (what sys/git read_changes would give), the records as
// changed are the example store's, edited in memory where a case needs it.
#include <doctest/doctest.h>

#include "isms/rules/change.h"
#include "support.h"

using namespace test;

namespace {

const std::filesystem::path kExample = std::filesystem::path(ISMS_SOURCE_DIR) / "examples/university";

isms::FileChange file(char status, const std::string& rel, std::vector<int> lines = {}) {
  isms::FileChange f;
  f.status = status;
  f.path = rel;
  f.lines = std::move(lines);
  if (status != 'A') f.before = read_text(kExample / rel);
  return f;
}

struct Found {
  std::string code, file;
  int line = 0;
  bool operator==(const Found&) const = default;
};

std::vector<Found> check(const isms::Store& store, std::vector<isms::FileChange> files, const isms::Date& today,
                         std::vector<isms::Commit> commits = {}) {
  isms::ChangeSet change;
  change.ref = "main";
  change.base = std::string(40, 'a');
  change.files = std::move(files);
  change.commits = std::move(commits);
  isms::Diagnostics d;
  isms::check_change(store, change, today, d);
  d.finish();
  std::vector<Found> out;
  for (const auto& x : d.items()) out.push_back({std::string(isms::code_name(x.code)), x.file, x.mark.line});
  return out;
}

const std::string kResult = "units/lio/2026/results/q1/core-availability.yaml";
const std::string kSetting = "units/lio/2026/setting.yaml";
const std::string kReferral = "referrals/2025/lio/phishing-open-rate.yaml";
const std::string kApproval = "approvals/2026/lio/r2.yaml";

}  // namespace

TEST_CASE("change: append-only records edited in place, at the first changed line") {
  const isms::Store store = example_store();
  struct Case {
    std::string rel;
    std::vector<Found> want;
  };
  const Case cases[] = {
      {kResult, {{"retention.rewritten", kResult, 8}}},
      {kApproval, {{"retention.rewritten", kApproval, 8}}},
      {"reviews/2026/q1/lio.yaml", {{"retention.rewritten", "reviews/2026/q1/lio.yaml", 8}}},
      // The same content: a referral (and a table) "modified" without a change in what they say.
      {kReferral, {}},
      {kSetting, {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.rel);
    CHECK(check(store, {file('M', c.rel, {8, 12})}, isms::Date{2026, 12, 2}) == c.want);
  }
}

TEST_CASE("change: a deletion is a finding while the record is under retention") {
  const isms::Store store = example_store();
  struct Case {
    std::string rel;
    isms::Date today;
    bool finding;
  };
  // Retention: one year after the end of the year the record covers.
  const Case cases[] = {
      {kResult, {2026, 12, 2}, true},
      {kResult, {2027, 12, 31}, true},
      {kResult, {2028, 1, 1}, false},
      {kReferral, {2026, 12, 31}, true},
      {kReferral, {2027, 1, 1}, false},
      {"approvals/2024/lio/r1.yaml", {2025, 12, 31}, true},
      {"approvals/2024/lio/r1.yaml", {2026, 1, 1}, false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.rel);
    CAPTURE(c.today.iso());
    const auto found = check(store, {file('D', c.rel)}, c.today);
    CHECK(found == (c.finding ? std::vector<Found>{{"retention.deleted", c.rel, 0}} : std::vector<Found>{}));
  }
}

TEST_CASE("change: an approved revision edited in place, and a revision lowered") {
  isms::Store store = example_store();
  isms::SettingTable* table = nullptr;
  for (auto& t : store.settings) {
    if (t.file == kSetting) table = &t;
  }
  REQUIRE(table);
  const std::string approved = table->digest;
  // The table as the change leaves it: the same revision, other content.
  table->digest = "sha256:edited";
  CHECK(check(store, {file('M', kSetting, {30})}, isms::Date{2026, 12, 2}) ==
        std::vector<Found>{{"retention.unapproved-change", kSetting, 30}});
  // A new revision is how an approved table changes.
  table->revision += 1;
  CHECK(check(store, {file('M', kSetting, {30})}, isms::Date{2026, 12, 2}).empty());
  table->revision -= 2;
  table->digest = approved;
  const auto lowered = check(store, {file('M', kSetting, {6})}, isms::Date{2026, 12, 2});
  REQUIRE(lowered.size() == 1);
  CHECK(lowered[0].code == "retention.unapproved-change");
}

TEST_CASE("change: a referral may be closed, nothing else of it edited") {
  isms::Store store = example_store();
  isms::Referral* r = nullptr;
  for (auto& x : store.referrals) {
    if (x.file == kReferral) r = &x;
  }
  REQUIRE(r);
  // Unchanged content is no finding.
  CHECK(check(store, {file('M', kReferral, {20})}, isms::Date{2026, 12, 2}).empty());
  isms::FileChange open = file('M', kReferral, {20});
  // At the base it was open, without case number, closing date or note.
  const auto at = open.before.find("case: ");
  REQUIRE(at != std::string::npos);
  open.before = open.before.substr(0, at) + "state: open\n";
  CHECK(check(store, {open}, isms::Date{2026, 12, 2}).empty());
  r->missed.at(0).actual = isms::Decimal::parse("9.5");
  CHECK(check(store, {open}, isms::Date{2026, 12, 2}) == std::vector<Found>{{"retention.rewritten", kReferral, 20}});
}

TEST_CASE("change: unsigned acts added by a commit whose author does not hold the role") {
  const isms::Store store = example_store();
  auto commit = [](const std::string& email, isms::Date day, std::vector<std::string> added) {
    isms::Commit c;
    c.hash = std::string(40, 'c');
    c.author = "someone";
    c.email = email;
    c.date = day;
    for (auto& p : added) c.changes.push_back(isms::Change{'A', std::move(p)});
    return c;
  };
  const std::string ciso = "lee.ch@mail.knu.example.edu.tw", staff = "chen.yl@mail.knu.example.edu.tw";
  const std::string outsider = "x@example.com", former = "chan.sy@mail.knu.example.edu.tw";
  struct Case {
    std::string name;
    isms::Commit c;
    std::vector<Found> want;
  };
  const Case cases[] = {
      {"the CISO adds an approval", commit(ciso, {2026, 5, 1}, {kApproval}), {}},
      {"the former CISO, after the term", commit(former, {2026, 5, 1}, {kApproval}),
       {{"change.author-role", kApproval, 1}}},
      {"the security team adds results", commit(staff, {2026, 4, 9}, {kResult}), {}},
      {"an outsider adds a result and a review",
       commit(outsider, {2026, 4, 9}, {kResult, "reviews/2026/q1/lio.yaml"}),
       {{"change.author-role", "reviews/2026/q1/lio.yaml", 1}, {"change.author-role", kResult, 1}}},
      {"a referral or a table is nobody's act here", commit(outsider, {2026, 4, 9}, {kReferral, kSetting}), {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(check(store, {}, isms::Date{2026, 12, 2}, {c.c}) == c.want);
  }
}
