// Records built from trees keep where their values were, and what rules
// compare, without keeping the tree.
#include <doctest/doctest.h>

#include <string>

#include "isms/format/digest.h"
#include "isms/store/build.h"

namespace {

isms::YamlNode parse(const std::string& text) {
  isms::Diagnostics d;
  auto tree = isms::parse_yaml(text, "f.yaml", d);
  REQUIRE(tree);
  return *tree;
}

const char* kTable =
    "kind: setting\n"
    "year: 2026\n"
    "unit: lio\n"
    "revision: 1\n"
    "status: draft\n"
    "compiled_by: chen.yl\n"
    "supervisor: lin.mh\n"
    "objectives:\n"
    "  - id: uptime\n"
    "    item: 核心系統可用率\n"
    "    last_year_actual: 99.8\n"
    "    comparison: range\n"
    "    target: {min: 99.5, max: 100}\n"
    "    unit: percent\n"
    "    precision: 1\n"
    "    aggregation: mean\n"
    "    quarter_targets: {q1: {min: 99, max: 100}}\n"
    "    department: lio\n"
    "    owner: chen.yl\n"
    "    method: 可用時間/總時間\n"
    "    data_source: 監控系統\n";

}  // namespace

TEST_CASE("a setting table keeps its digest, each objective its measurement and marks") {
  const isms::YamlNode tree = parse(kTable);
  isms::Diagnostics d;
  const isms::SettingTable t = isms::build_setting(tree, "f.yaml", d);
  CHECK_FALSE(d.has_errors());
  CHECK(t.digest == isms::setting_digest(tree));
  CHECK(t.marks.at("compiled_by").line == 6);
  CHECK(t.marks.at("no-such-field").line == tree.mark.line);  // a missing field: at its mapping
  REQUIRE(t.objectives.size() == 1);
  const isms::Objective& o = t.objectives[0];
  CHECK(o.measurement == isms::measurement_json(tree.find("objectives")->children[0]));
  CHECK(o.measurement.find("department") == std::string::npos);
  CHECK(o.marks.get("target/max").line == 13);
  CHECK(o.marks.get("quarter_targets/q1/min").line == 17);
  CHECK(o.marks.get("quarter_targets/q2").line == 0);  // not written: no mark at all
  CHECK(o.marks.at("quarter_targets/q2").line == 17);  // …but its mapping's, for a report
}

TEST_CASE("a review keeps each opinion's key mark; a configuration its role list items") {
  const isms::YamlNode review = parse(
      "kind: review\nyear: 2026\nquarter: 1\nunit: lio\nreviewed_by: lee.ch\nopinion: ok\nsupervisor: lin.mh\n"
      "date: \"2026-04-10\"\nobjectives:\n  uptime: 持續監控\n  patch: 加速修補\n");
  isms::Diagnostics d;
  const isms::Review r = isms::build_review(review, "r.yaml", d);
  CHECK(r.marks.key_at("objectives", "patch").line == 11);
  CHECK(r.marks.key_at("objectives", "patch").column == 3);
  CHECK(r.marks.key_at("objectives", "none").line == 10);  // the mapping's own mark

  const isms::YamlNode config = parse(
      "kind: config\norganisation: {name: 開南大學}\npeople: []\nunits: []\n"
      "roles:\n  ciso: lee.ch\n  executive_secretary: lin.mh\n  security_team: [a.b, c.d]\n");
  const isms::Config c = isms::build_config(config, "isms-obj.yaml", d);
  CHECK(c.marks.at("roles/security_team/1").column == 24);
  CHECK(c.marks.at("roles/security_team/7").line == 8);  // past the list: the list itself
  REQUIRE(c.ciso.size() == 1);
  CHECK(c.ciso[0].marks.at("person").line == 6);  // a bare id: the term itself
}
