#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "isms/ops/init.h"
#include "isms/rules/validate.h"
#include "isms/store/schema.h"
#include "isms/store/store.h"
#include "isms/views/complete.h"
#include "isms/views/findings.h"
#include "support.h"

namespace fs = std::filesystem;
using isms::RecordKind;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "isms-unit-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::string codes(const isms::Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) {
    out += x.file + ":" + std::to_string(x.mark.line) + ":" + std::to_string(x.mark.column) + " " + std::string(isms::code_name(x.code)) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("record paths follow the layout, and nothing else is a record") {
  struct Row {
    const char* path;
    bool ok;
    RecordKind kind;
  };
  const Row rows[] = {
      {"isms-obj.yaml", true, RecordKind::Config},
      {"units/cc/2026/setting.yaml", true, RecordKind::Setting},
      {"units/cc/2026/results/q1/patch-rate.yaml", true, RecordKind::Result},
      {"units/cc/2026/results/q4/patch-rate.2.yaml", true, RecordKind::Result},
      {"approvals/2026/cc/r1.yaml", true, RecordKind::Approval},
      {"approvals/2026/cc/r12.3.yaml", true, RecordKind::Approval},
      {"reviews/2026/q3/cc.yaml", true, RecordKind::Review},
      {"referrals/2026/cc/patch-rate.yaml", true, RecordKind::Referral},
      {"units/cc/2026/setting.yml", false, RecordKind::Config},
      {"units/CC/2026/setting.yaml", false, RecordKind::Config},
      {"units/../2026/setting.yaml", false, RecordKind::Config},
      {"units/cc/26/setting.yaml", false, RecordKind::Config},
      {"units/cc/1999/setting.yaml", false, RecordKind::Config},
      {"units/cc/2026/results/q5/x.yaml", false, RecordKind::Config},
      {"units/cc/2026/results/q1/x.1.yaml", false, RecordKind::Config},
      {"units/cc/2026/results/q1/x.02.yaml", false, RecordKind::Config},
      {"units/cc/2026/results/q1/x_y.yaml", false, RecordKind::Config},
      {"approvals/2026/cc/1.yaml", false, RecordKind::Config},
      {"approvals/2026/cc/r0.yaml", false, RecordKind::Config},
      {"reviews/2026/q1/cc.2.yaml", false, RecordKind::Config},
      {"reviews/2026/Q1/cc.yaml", false, RecordKind::Config},
      {"units/cc/2026/notes.yaml", false, RecordKind::Config},
      {"/etc/passwd", false, RecordKind::Config},
      {"units/cc/2026/results/q1/\xE8\xB3\x87.yaml", false, RecordKind::Config},
  };
  for (const auto& r : rows) {
    CAPTURE(r.path);
    auto p = isms::classify_path(r.path);
    REQUIRE(p.has_value() == r.ok);
    if (p) {
      CHECK(p->kind == r.kind);
      CHECK(isms::record_path(*p) == r.path);
    }
  }
}

TEST_CASE("store discovery: --store, then the environment, then upwards from cwd") {
  TempDir t;
  write(t.path / "s" / "isms-obj.yaml", "kind: config\n");
  fs::create_directories(t.path / "s" / "units" / "cc");
  fs::path root;
  CHECK(isms::discover_store(test::posix(), std::nullopt, std::nullopt, t.path / "s" / "units" / "cc", &root).is_ok());
  CHECK(root == t.path / "s");
  CHECK(isms::discover_store(test::posix(), t.path / "s", std::string("/nonexistent"), "/", &root).is_ok());
  auto env = isms::discover_store(test::posix(), std::nullopt, (t.path / "nope").string(), t.path / "s", &root);
  CHECK(env.code() == isms::Status::Code::NotFound);
  CHECK(isms::discover_store(test::posix(), std::nullopt, std::string(""), t.path / "s", &root).is_ok());
  CHECK(isms::discover_store(test::posix(), std::nullopt, std::nullopt, t.path, &root).code() == isms::Status::Code::NotFound);
}

TEST_CASE("schema violations name the field and point at it") {
  isms::SchemaValidator v;
  struct Row {
    const char* name;
    const char* text;
    const char* expected;
  };
  const Row rows[] = {
      {"missing field", "kind: result\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported: \"2026-04-01\"\n",
       "1:1 schema.missing-field missing required field 'reported_by'"},
      {"unknown field",
       "kind: result\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n"
       "actaul: 5\n",
       "8:1 schema.unknown-field unknown field 'actaul' (expected one of: actual, denominator, kind, measure_unit, "
       "numerator, objective, quarter, reason, reported, reported_by, sequence, unit, variance, year)"},
      {"type", "kind: result\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n"
               "actual: lots\n",
       "8:9 schema.type 'actual' must be a number, not 'lots'"},
      {"range", "kind: result\nyear: 2026\nquarter: 5\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n",
       "3:10 schema.range 'quarter' must be at most 4 (found 5)"},
      {"pattern", "kind: result\nyear: 2026\nquarter: 1\nunit: ../etc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n",
       "4:7 schema.pattern 'unit' '../etc' is not a unit id: lowercase letter, then lowercase letters, digits or '-' (at most 32)"},
      {"const", "kind: review\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n",
       "1:7 schema.const 'kind' must be result (found 'review')"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    isms::Diagnostics d;
    auto root = isms::parse_yaml(r.text, "f.yaml", d);
    REQUIRE(root);
    CHECK_FALSE(v.validate(RecordKind::Result, *root, "f.yaml", d));
    d.finish();
    REQUIRE(d.items().size() == 1);
    const auto& x = d.items()[0];
    CHECK(std::to_string(x.mark.line) + ":" + std::to_string(x.mark.column) + " " + std::string(isms::code_name(x.code)) + " " + x.message ==
          r.expected);
  }
}

TEST_CASE("nested schema problems point into the objective list") {
  isms::SchemaValidator v;
  isms::Diagnostics d;
  auto root = isms::parse_yaml(
      "kind: setting\nyear: 2026\nunit: cc\nrevision: 1\nstatus: final\ncompiled_by: a\nsupervisor: b\n"
      "updated: \"2025-12-01\"\nobjectives:\n  - id: x\n    item: yy\n    comparison: \">\"\n    target: 1\n",
      "s.yaml", d);
  REQUIRE(root);
  CHECK_FALSE(v.validate(RecordKind::Setting, *root, "s.yaml", d));
  d.finish();
  CHECK(codes(d) ==
        "s.yaml:5:9 schema.enum\n"
        "s.yaml:10:5 schema.missing-field\n"
        "s.yaml:12:17 schema.enum\n");
  CHECK(d.items()[1].message ==
        "'objectives[0]' is missing required fields 'aggregation', 'data_source', 'department', 'method', "
        "'owner', 'precision', 'unit'");
}

TEST_CASE("the example store and the regression store validate clean") {
  for (const char* rel : {"examples/university", "tests/stores/minimal"}) {
    CAPTURE(rel);
    isms::Store store;
    isms::Diagnostics d;
    REQUIRE(isms::load_store(test::posix(), fs::path(ISMS_SOURCE_DIR) / rel, {}, &store, d).is_ok());
    isms::check_store(store, {}, d);
    d.finish();
    CHECK(codes(d) == "");
    CHECK(store.config.has_value());
    CHECK(store.files_checked > 5);
  }
}

TEST_CASE("semantic checks find what a schema cannot") {
  TempDir t;
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "tests/stores/minimal", t.path / "s", fs::copy_options::recursive);
  // owner unknown, target above 100 %, range shape, duplicate objective id
  write(t.path / "s/units/acad/2026/setting.yaml",
        "kind: setting\nyear: 2026\nunit: acad\nrevision: 1\nstatus: draft\ncompiled_by: acad.head\n"
        "supervisor: acad.head\nupdated: 2025-12-01\nobjectives:\n"
        "  - {id: a, item: A, comparison: \">=\", target: 120, unit: percent, precision: 0, aggregation: last,"
        " department: acad, owner: nobody, method: m, data_source: s}\n"
        "  - {id: a, item: B, comparison: range, target: 5, unit: count, precision: 0, aggregation: sum,"
        " department: acad, owner: acad.head, method: m, data_source: s}\n");
  // result for an objective that does not exist, reported before the quarter began
  write(t.path / "s/units/cc/2026/results/q2/nothing.yaml",
        "kind: result\nyear: 2026\nquarter: 2\nunit: cc\nobjective: nothing\nactual: 1\nreported_by: cc.staff\n"
        "reported: \"2026-03-01\"\n");
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), t.path / "s", {}, &store, d).is_ok());
  isms::check_store(store, {}, d);
  d.finish();
  CHECK(codes(d) ==
        "units/acad/2026/setting.yaml:10:48 target.out-of-range\n"
        "units/acad/2026/setting.yaml:10:126 ref.unknown-person\n"
        "units/acad/2026/setting.yaml:11:10 setting.duplicate-objective\n"
        "units/acad/2026/setting.yaml:11:49 target.shape\n"
        "units/cc/2026/results/q2/nothing.yaml:5:12 ref.unknown-objective\n"
        "units/cc/2026/results/q2/nothing.yaml:8:11 result.reported-early\n");
}

TEST_CASE("init creates a store that validates, and refuses to overwrite one") {
  TempDir t;
  std::vector<std::string> written;
  isms::InitOptions o;
  o.organisation = "yes: 測試";  // must be quoted in YAML
  REQUIRE(isms::init_store(test::posix(), t.path / "new", o, &written).is_ok());
  CHECK(written.front() == "isms-obj.yaml");
  CHECK(written.back() == ".gitignore");
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), t.path / "new", {}, &store, d).is_ok());
  isms::check_store(store, {}, d);
  d.finish();
  CHECK(codes(d) == "isms-obj.yaml:27:3 config.no-ciso\n");
  REQUIRE(store.config);
  CHECK(store.config->org_name == "yes: 測試");
  written.clear();
  CHECK(isms::init_store(test::posix(), t.path / "new", o, &written).code() == isms::Status::Code::Conflict);
  CHECK(written.empty());
}

TEST_CASE("schema modelines in the bundled stores point at the schema of their record kind") {
  const std::string prefix = "# yaml-language-server: $schema=";
  int checked = 0;
  for (const char* rel : {"examples/university", "tests/stores/minimal"}) {
    const fs::path root = fs::path(ISMS_SOURCE_DIR) / rel;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
      std::ifstream in(entry.path());
      std::string first;
      std::getline(in, first);
      if (first.rfind(prefix, 0) != 0) continue;
      const auto where = isms::classify_path(fs::relative(entry.path(), root).generic_string());
      REQUIRE(where);
      const fs::path schema = entry.path().parent_path() / first.substr(prefix.size());
      CAPTURE(entry.path().string());
      CHECK(fs::exists(schema));
      CHECK(schema.filename().string() == std::string(isms::record_kind_name(where->kind)) + ".schema.json");
      ++checked;
    }
  }
  CHECK(checked > 400);
}

namespace {

std::string rendered(const isms::Diagnostic& x) {
  return x.file + ":" + std::to_string(x.mark.line) + ":" + std::to_string(x.mark.column) + " " + std::string(isms::code_name(x.code)) + " " +
         x.message + "\n";
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

namespace {

// The example store with problems whose checks read other records of their
// unit-year: an unknown objective, a referral for it, an approval whose
// digest no longer matches; and a path outside the layout.
void make_broken_example(const fs::path& s) {
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "examples/university", s, fs::copy_options::recursive);
  // Problems whose checks read other records of their unit-year: an unknown
  // objective, a referral for it, and an approval whose digest no longer
  // matches (every result of that unit-year then loses its definition).
  write(s / "units/academic/2026/results/q1/nothing.yaml",
        "kind: result\nyear: 2026\nquarter: 1\nunit: academic\nobjective: nothing\nactual: 1\n"
        "reported_by: lee.ch\nreported: \"2025-12-01\"\n");
  const fs::path referral = s / "referrals/2026/lio/vuln-patch-rate.yaml";
  write(s / "referrals/2025/lio/nothing.yaml",
        replaced(replaced(read_text(referral), "objective: vuln-patch-rate", "objective: nothing"), "year: 2026",
                 "year: 2025"));
  const fs::path approval = s / "approvals/2026/accounting/r1.yaml";
  write(approval, replaced(read_text(approval), "sha256:fb642a", "sha256:00642a"));
  // A path outside the layout is validate's business only.
  write(s / "units/academic/notes.yaml", "a: 1\n");

}

}  // namespace

TEST_CASE("a scoped load gives each record in scope the diagnostics a full load gives it") {
  TempDir t;
  const fs::path s = t.path / "s";
  make_broken_example(s);

  isms::ValidateOptions options;
  options.today = isms::Date{2026, 11, 24};
  isms::Store full;
  isms::Diagnostics all;
  REQUIRE(isms::load_store(test::posix(), s, {}, &full, all).is_ok());
  isms::check_store(full, options, all);
  all.finish();
  INFO(codes(all));
  REQUIRE(all.error_count() == 4);
  REQUIRE(all.warning_count() >= 1);

  std::set<std::string> units;
  for (const auto& u : full.config->units) units.insert(u.id);
  for (int year = 2023; year <= 2027; ++year) {
    for (const auto& unit : units) {
      CAPTURE(year);
      CAPTURE(unit);
      const isms::LoadScope scope{{year}, {unit}};
      isms::Store part;
      isms::Diagnostics some;
      REQUIRE(isms::load_store(test::posix(), s, test::scoped(scope), &part, some).is_ok());
      isms::check_store(part, options, some);
      some.finish();
      std::string expected, config_expected, got, config_got;
      std::size_t files_in_scope = 0;
      for (const auto& src : full.sources) files_in_scope += scope.covers(src->where) ? 1u : 0u;
      CHECK(part.files_checked == files_in_scope);
      for (const auto& x : all.items()) {
        const auto where = isms::classify_path(x.file);
        if (!where) continue;
        if (where->kind == RecordKind::Config) config_expected += rendered(x);
        else if (scope.covers(*where)) expected += rendered(x);
      }
      for (const auto& x : some.items()) {
        (x.file == "isms-obj.yaml" ? config_got : got) += rendered(x);
      }
      CHECK(got == expected);
      // The configuration's own findings; deadlines only for the scope's unit.
      for (const auto& x : some.items()) {
        if (x.file == "isms-obj.yaml") CHECK(config_expected.find(rendered(x)) != std::string::npos);
      }
    }
  }
}

TEST_CASE("a scoped load does not list other units' and years' directories") {
  TempDir t;
  const fs::path s = t.path / "s";
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "tests/stores/minimal", s, fs::copy_options::recursive);
  // Entries only a listing can see.
  for (const char* dir : {"units/zz/2026", "units/acad/2025", "approvals/2025/acad", "reviews/2025/q1", "units/acad/2026",
                          "referrals/2024/acad", "referrals/2026/zz", "docs"}) {
    fs::create_directories(s / dir);
    fs::create_symlink("/etc/hostname", s / dir / "x.yaml");
  }
  auto listed = [&](const isms::LoadScope& scope) {
    isms::Listing l;
    REQUIRE(test::posix().list_store_files(s, &l, [&](std::string_view d) { return scope.may_hold(d); }).is_ok());
    std::string out;
    for (const auto& x : l.symlinks) out += x + " ";
    return out;
  };
  CHECK(listed(isms::LoadScope{{2026}, {"acad"}}) == "units/acad/2026/x.yaml ");
  CHECK(listed(isms::LoadScope{{2025}, {}}) ==
        "approvals/2025/acad/x.yaml reviews/2025/q1/x.yaml units/acad/2025/x.yaml ");
  CHECK(listed(isms::LoadScope{{2026}, {"acad"}, true}) == "referrals/2024/acad/x.yaml units/acad/2026/x.yaml ");
  // A full load reports every link; a scoped one reads only its records.
  isms::Store full, part;
  isms::Diagnostics whole, scoped;
  REQUIRE(isms::load_store(test::posix(), s, {}, &full, whole).is_ok());
  REQUIRE(isms::load_store(test::posix(), s, test::scoped(isms::LoadScope{{2026}, {"acad"}}), &part, scoped).is_ok());
  whole.finish();
  CHECK(whole.error_count() == 8);
  CHECK(scoped.error_count() == 0);
}

TEST_CASE("validate, one year at a time, finds what a whole-store check finds") {
  TempDir t;
  const fs::path s = t.path / "s";
  make_broken_example(s);
  fs::create_symlink("/etc/hostname", s / "units/lio/x.yaml");
  const isms::Date today{2026, 11, 24};
  isms::Store store;
  isms::Diagnostics all;
  REQUIRE(isms::load_store(test::posix(), s, {}, &store, all).is_ok());
  isms::ValidateOptions options;
  options.today = today;
  isms::check_store(store, options, all);
  all.finish();
  isms::Findings f;
  isms::CacheUse use = isms::CacheUse::Cold;
  REQUIRE(isms::validate_store(test::posix(), s, today, "", &f, &use).is_ok());
  CHECK(use == isms::CacheUse::Off);
  std::string expected, got;
  for (const auto& x : all.items()) expected += rendered(x);
  for (const auto& x : f.diagnostics.items()) got += rendered(x);
  CHECK(got == expected);
  CHECK(f.files_checked == store.files_checked);
  const auto years = isms::summarize(store);
  REQUIRE(f.years.size() == years.size());
  for (std::size_t k = 0; k < years.size(); ++k) {
    CHECK(f.years[k].year == years[k].year);
    CHECK(f.years[k].results == years[k].results);
    CHECK(f.years[k].referrals_open == years[k].referrals_open);
  }
  CHECK(f.units == store.config->units.size());
}

TEST_CASE("validate's cache answers only for an unchanged store, and never changes the answer") {
  TempDir t;
  const fs::path s = t.path / "s";
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "tests/stores/minimal", s, fs::copy_options::recursive);
  const isms::Date today{2026, 11, 24};
  const std::string cache = "tool-a";
  auto run = [&](const std::string& c, isms::CacheUse expected_use) {
    isms::Findings f;
    isms::CacheUse use = isms::CacheUse::Off;
    REQUIRE(isms::validate_store(test::posix(), s, today, c, &f, &use).is_ok());
    CHECK(use == expected_use);
    return codes(f.diagnostics) + std::to_string(f.files_checked);
  };
  // Files written just now are too recent to trust by their stamp alone
  // (kRacySeconds); age them as if the store had been checked out earlier.
  auto age = [&](const fs::path& root) {
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file() && e.path().string().find(".isms-obj") == std::string::npos) {
        fs::last_write_time(e.path(), fs::last_write_time(e.path()) - std::chrono::hours(1));
      }
    }
  };
  age(s);
  const std::string clean = run(cache, isms::CacheUse::Cold);
  CHECK(fs::exists(s / ".isms-obj/cache/validate"));
  CHECK(run(cache, isms::CacheUse::Warm) == clean);
  CHECK(run("", isms::CacheUse::Off) == clean);
  // Another build or another day: cold.
  CHECK(run("tool-b", isms::CacheUse::Cold) == clean);
  CHECK(run("tool-b", isms::CacheUse::Warm) == clean);
  // Touched (same bytes): still warm, after reading the file.
  const fs::path result = s / "units/cc/2026/results/q1/incidents.yaml";
  REQUIRE(fs::exists(result));
  fs::last_write_time(result, fs::file_time_type::clock::now());
  CHECK(run("tool-b", isms::CacheUse::Warm) == clean);
  // Changed bytes, same size and time: the stamp's ctime and the content say so.
  std::string text = read_text(result);
  const auto mtime = fs::last_write_time(result);
  std::string edited = replaced(text, "actual: ", "actual:  ");
  edited = replaced(edited, "kind: result", "kind: resul");  // same size, now wrong
  write(result, edited);
  fs::last_write_time(result, mtime);
  const std::string broken = run("tool-b", isms::CacheUse::Cold);
  CHECK(broken != clean);
  CHECK(broken.find("units/cc/2026/results/q1/incidents.yaml") != std::string::npos);
  CHECK(run("tool-b", isms::CacheUse::Warm) == broken);
  // A new file, a removed file: cold.
  write(result, text);
  CHECK(run("tool-b", isms::CacheUse::Cold) == clean);
  write(s / "units/cc/2026/results/q1/extra.yaml", "kind: result\n");
  CHECK(run("tool-b", isms::CacheUse::Cold) != clean);
  fs::remove(s / "units/cc/2026/results/q1/extra.yaml");
  CHECK(run("tool-b", isms::CacheUse::Cold) == clean);
  // A damaged cache is ignored.
  write(s / ".isms-obj/cache/validate", "isms-obj validate cache 1\nkey x\n");
  CHECK(run("tool-b", isms::CacheUse::Cold) == clean);
}

TEST_CASE("the configuration's parsed tree is cached by content, and a damaged cache is only ignored") {
  TempDir t;
  const fs::path s = t.path / "s";
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "examples/university", s, fs::copy_options::recursive);
  fs::remove_all(s / ".isms-obj");  // whatever a command run on the source tree left
  auto load = [&](const std::string& tool) {
    isms::Store store;
    isms::LoadOptions options;
    options.scope = isms::LoadScope{{2026}, {"lio"}};
    options.cache_tool_id = tool;
    isms::Diagnostics d;
    REQUIRE(isms::load_store(test::posix(), s, options, &store, d).is_ok());
    isms::check_store(store, {}, d);
    d.finish();
    return codes(d) + (store.config ? store.config->org_name + std::to_string(store.config->people.size()) : "-");
  };
  const std::string plain = load("");
  CHECK_FALSE(fs::exists(s / ".isms-obj/cache/config"));
  CHECK(load("t") == plain);
  REQUIRE(fs::exists(s / ".isms-obj/cache/config"));
  CHECK(load("t") == plain);
  std::string cached = read_text(s / ".isms-obj/cache/config");
  {
    // The cache is what is read: a tree planted under the same key shows.
    const std::string key = cached.substr(0, cached.find('\n') + 1);
    isms::Diagnostics d;
    auto planted = isms::parse_yaml(replaced(read_text(s / "isms-obj.yaml"), "name: 開南大學", "name: 快取大學"),
                                    "isms-obj.yaml", d);
    REQUIRE(planted);
    write(s / ".isms-obj/cache/config", key + isms::write_tree(*planted));
    CHECK(load("t").find("快取大學") != std::string::npos);
    CHECK(load("") == plain);  // without a tool id the cache is not read
    write(s / ".isms-obj/cache/config", cached);
  }
  // Damaged after its key: parsed again.
  write(s / ".isms-obj/cache/config", cached.substr(0, cached.size() / 2));
  CHECK(load("t") == plain);
  // The configuration changes: the cache no longer applies.
  const fs::path config = s / "isms-obj.yaml";
  write(config, replaced(read_text(config), "id: lee.ch", "id: lee.ch\n    id: twice"));
  const std::string changed = load("t");
  CHECK(changed != plain);
  CHECK(changed.find("yaml.duplicate-key") != std::string::npos);
  CHECK(load("t") == changed);  // a file with problems is never cached, and says so again
}

TEST_CASE("the configuration scope reads isms-obj.yaml and lists no record directory") {
  TempDir t;
  const fs::path s = t.path / "s";
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "tests/stores/minimal", s, fs::copy_options::recursive);
  fs::create_symlink("/etc/hostname", s / "units/cc/2026/x.yaml");
  const auto scope = isms::LoadScope::configuration();
  CHECK_FALSE(scope.everything());
  for (const char* dir : {"units", "units/cc", "approvals", "reviews/2026", "referrals"}) CHECK_FALSE(scope.may_hold(dir));
  isms::Store store;
  isms::Diagnostics diags;
  REQUIRE(isms::load_store(test::posix(), s, test::scoped(scope), &store, diags).is_ok());
  diags.finish();
  CHECK(diags.error_count() == 0);
  REQUIRE(store.config);
  CHECK(store.files_checked == 1);
  CHECK(store.settings.empty());
}

TEST_CASE("completion values come from the store, narrowed by what the line says") {
  TempDir t;
  const fs::path s = t.path / "s";
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "tests/stores/minimal", s, fs::copy_options::recursive);
  fs::create_directories(s / "units/acad/2024");
  fs::create_directories(s / "referrals/2023/cc");
  fs::create_directories(s / "units/cc/not-a-year");
  const isms::Date today{2026, 11, 24};
  auto values = [&](isms::CompletionKind kind, const isms::CompletionContext& ctx) {
    std::vector<std::string> out;
    REQUIRE(isms::completion_values(test::posix(), s, kind, ctx, today, "", &out).is_ok());
    std::string joined;
    for (const auto& v : out) joined += v + " ";
    return joined;
  };
  // year 0 and unit "" stand for "not on the command line".
  struct Case {
    isms::CompletionKind kind;
    int year;
    const char* unit;
    const char* expected;
  };
  const Case cases[] = {
      {isms::CompletionKind::Units, 0, "", "acad cc "},
      {isms::CompletionKind::People, 0, "", "acad.head acad.staff cc.head cc.staff ciso sec "},
      {isms::CompletionKind::Years, 0, "", "2023 2024 2026 2027 "},
      {isms::CompletionKind::Years, 0, "cc", "2023 2026 2027 "},
      {isms::CompletionKind::Years, 0, "../..", ""},
      {isms::CompletionKind::Objectives, 2026, "acad", "training "},
      {isms::CompletionKind::Objectives, 2026, "", "incidents patch-rate training "},
      {isms::CompletionKind::Objectives, 0, "", "incidents patch-rate training "},
      {isms::CompletionKind::Objectives, 2025, "", ""},
      {isms::CompletionKind::Objectives, 0, "../x", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.expected);
    isms::CompletionContext ctx;
    if (c.year != 0) ctx.year = c.year;
    if (*c.unit != 0) ctx.unit = c.unit;
    CHECK(values(c.kind, ctx) == c.expected);
  }
  std::vector<std::string> out;
  CHECK(isms::completion_values(test::posix(), t.path / "missing", isms::CompletionKind::Years, {}, today, "", &out).code() ==
        isms::Status::Code::IoError);
}
