// What changed between two revisions of a setting table, field by field.
#include <doctest/doctest.h>

#include "isms/rules/revision.h"
#include "support.h"

using namespace test;
using namespace test::measure;

namespace {

isms::Objective objective(const char* id, const char* item) {
  isms::Objective o = def(isms::Comparison::AtLeast, at("90"), isms::MeasureUnit::Percent, 0, isms::Aggregation::Ratio);
  o.id = id;
  o.item = item;
  o.owner = "chen.yl";
  o.department = "lio";
  return o;
}

std::string shown(const std::vector<isms::RevisionChange>& changes) {
  std::string out;
  for (const auto& c : changes) out += c.objective + "|" + c.field + "|" + c.before + "|" + c.after + "\n";
  return out;
}

}  // namespace

TEST_CASE("compare_revisions: the footer, each changed field in form order, added and removed objectives") {
  std::vector<isms::Objective> was = {objective("a", "A"), objective("b", "B")};
  std::vector<isms::Objective> now = {objective("a", "A"), objective("c", "C")};
  now[0].target = at("95");
  now[0].owner = "wang.jh";
  now[0].actions = {"x", "y"};
  const isms::RevisionContent before{&was, "chen.yl", "lin.mh", true};
  const isms::RevisionContent after{&now, "chen.yl", "kuo.ym", true};
  CHECK(shown(isms::compare_revisions(before, after)) ==
        "|supervisor|lin.mh|kuo.ym\n"
        "a|target|>= 90|>= 95\n"
        "a|owner|chen.yl|wang.jh\n"
        "a|actions||x；y\n"
        "c|||added\n"
        "b||removed|\n");
}

TEST_CASE("compare_revisions: a side holding the measurement fields only compares those alone") {
  struct Case {
    const char* name;
    bool before_full, after_full;
    const char* expected;
  } cases[] = {
      {"both full", true, true, "|compiled_by|chen.yl|wang.jh\na|quarter_targets||Q2 >= 50\na|owner|chen.yl|hsu.cw\n"},
      {"before partial", false, true, "a|quarter_targets||Q2 >= 50\n"},
      {"after partial", true, false, "a|quarter_targets||Q2 >= 50\n"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    std::vector<isms::Objective> was = {objective("a", "A")};
    std::vector<isms::Objective> now = {objective("a", "A")};
    now[0].owner = "hsu.cw";
    now[0].quarter_targets[1] = at("50");
    const isms::RevisionContent before{&was, "chen.yl", "lin.mh", c.before_full};
    const isms::RevisionContent after{&now, "wang.jh", "lin.mh", c.after_full};
    CHECK(shown(isms::compare_revisions(before, after)) == c.expected);
  }
}

TEST_CASE("compare_revisions: the same content has no changes; revision_of reads approvals and tables alike") {
  const isms::Store store = example_store();
  const auto& approvals = store.approvals_for(2026, "lio");
  REQUIRE(approvals.size() == 2);
  // The example's second revision lowered one target (§5.5.3).
  const auto changes = isms::compare_revisions(isms::revision_of(*approvals[0]), isms::revision_of(*approvals[1]));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].objective == "core-availability");
  CHECK(changes[0].field == "target");
  CHECK(changes[0].before == ">= 99.9");
  CHECK(changes[0].after == ">= 99.5");
  const isms::SettingTable* table = store.setting(2026, "lio");
  REQUIRE(table);
  CHECK(isms::compare_revisions(isms::revision_of(*approvals[1]), isms::revision_of(*table)).empty());
}
