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
using namespace test;

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
    return codes_at(f.diagnostics) + std::to_string(f.files_checked);
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

TEST_CASE("validate --base checks only what the change touches, and finds there what a whole check finds") {
  TempDir t;
  const fs::path disk = t.path / "s";
  make_broken_example(disk);
  isms::MemEnv env;
  copy_into(env, disk, "/store");
  const fs::path root = "/store";
  const isms::Date today{2026, 11, 24};
  auto file = [&](char status, const std::string& path) {
    isms::FileChange f;
    f.status = status;
    f.path = path;
    if (status != 'A') f.before = env.get(root / path).value_or("kind: result\n");
    if (status == 'M') f.hunks = {{1, 1}};
    return f;
  };
  // Findings of `f` on records of the scope's units and years, and the configuration's.
  auto within = [](const isms::Findings& f, const isms::LoadScope& scope) {
    std::string out;
    for (const auto& d : f.diagnostics.items()) {
      const auto where = isms::classify_path(d.file);
      if (d.file == isms::kConfigFileName || (where && scope.covers(*where))) out += rendered(d);
    }
    return out;
  };
  struct Case {
    const char* what;
    std::vector<isms::FileChange> files;
    bool scoped;
  };
  const std::vector<Case> cases = {
      {"a result edited where an unknown objective was recorded",
       {file('M', "units/academic/2026/results/q1/training-completion.yaml")}, true},
      {"a referral added", {file('A', "referrals/2025/lio/nothing.yaml")}, true},
      {"an approval whose digest no longer matches", {file('M', "approvals/2026/accounting/r1.yaml")}, true},
      {"a result deleted", {file('D', "units/lio/2025/results/q4/gone.yaml")}, true},
      {"two units in two years",
       {file('A', "units/academic/2026/results/q1/nothing.yaml"), file('M', "approvals/2025/lio/r1.yaml")}, true},
      {"a README only", {file('A', "README.md")}, true},
      {"the configuration", {file('M', "isms-obj.yaml")}, false},
      {"a YAML file outside the layout", {file('A', "units/academic/notes.yaml")}, false},
  };
  isms::Findings whole;
  REQUIRE(isms::validate_store(env, root, today, "", &whole).is_ok());
  CHECK(whole.diagnostics.error_count() >= 4);
  for (const auto& c : cases) {
    const std::string what = c.what;
    CAPTURE(what);
    isms::ChangeSet change;
    change.ref = "main";
    change.files = c.files;
    env.set_changes(change);
    isms::Findings scoped, full;
    REQUIRE(isms::validate_change(env, root, today, "", "main", false, &scoped).is_ok());
    REQUIRE(isms::validate_change(env, root, today, "", "main", true, &full).is_ok());
    CHECK(full.scope == std::nullopt);
    CHECK(full.files_checked == whole.files_checked);
    CHECK(scoped.scope.has_value() == c.scoped);
    if (!scoped.scope) {
      CHECK(within(scoped, {}) == within(full, {}));
      continue;
    }
    CHECK(scoped.files_checked < whole.files_checked);
    CHECK(within(scoped, *scoped.scope) == within(full, *scoped.scope));
    // The damaged unit-years do have findings there (the comparison is not of two empty lists).
    if (std::string(c.what).find("README") == std::string::npos && std::string(c.what) != "a result deleted") {
      CHECK(scoped.diagnostics.error_count() > 0);
    }
    // Nothing outside the scope is reported.
    CHECK(within(scoped, *scoped.scope) == within(scoped, {}));
    CHECK(scoped.change.has_value());
  }
}
