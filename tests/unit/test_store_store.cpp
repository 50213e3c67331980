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

TEST_CASE("the example store and the regression store validate clean") {
  for (const char* rel : {"examples/university", "tests/stores/minimal"}) {
    CAPTURE(rel);
    isms::Store store;
    isms::Diagnostics d;
    REQUIRE(isms::load_store(test::posix(), fs::path(ISMS_SOURCE_DIR) / rel, {}, &store, d).is_ok());
    isms::check_store(store, {}, d);
    d.finish();
    CHECK(codes_at(d) == "");
    CHECK(store.config.has_value());
    CHECK(store.files_checked > 5);
  }
}

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
  INFO(codes_at(all));
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

namespace {

template <typename Records>
std::vector<std::string> files_of(const Records& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.file);
  return out;
}

// The record files under `prefix` in the listing, in path order.
std::vector<std::string> listed(isms::Env& env, const fs::path& root, std::string_view prefix,
                                std::string_view suffix = "") {
  isms::Listing l;
  REQUIRE(env.list_store_files(root, &l, nullptr, false).is_ok());
  std::vector<std::string> out;
  for (const auto& f : l.files) {
    if (f.rfind(prefix, 0) == 0 && f.size() >= suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(f);
  }
  return out;
}

}  // namespace

TEST_CASE("a load puts every kind of record in path order, whatever order the unit-years load in") {
  // Unit ids where "<id>/" and "<id>" sort differently ('-' sorts before
  // '/'), over several years: approvals, reviews and confirmations
  // are year-major in their paths, tables and results unit-major.
  auto env = example_in_memory();
  const fs::path root = "/store";
  isms::Listing l;
  REQUIRE(env->list_store_files(root, &l, nullptr, false).is_ok());
  for (const auto& f : l.files) {
    for (const char* other : {"lio-b", "lio-a"}) {
      for (const std::string from : {"units/lio/", "approvals/2026/lio/", "approvals/2025/lio/", "reviews/2026/q1/lio."}) {
        if (f.rfind(from, 0) != 0) continue;
        std::string to = f;
        to.replace(0, from.size(), replaced(from, "lio", other));
        env->put(root / to, replaced(*env->get(root / f), "unit: lio", std::string("unit: ") + other));
      }
    }
  }
  for (const std::string tool : {"", "tool"}) {
    CAPTURE(tool);
    for (int round = 0; round < 2; ++round) {  // cold, then from the cache
      isms::Store store;
      isms::LoadOptions o;
      o.cache_tool_id = tool;
      isms::Diagnostics d;
      REQUIRE(isms::load_store(*env, root, o, &store, d).is_ok());
      d.finish();
      CHECK(file_codes(d) == "");
      CHECK(files_of(store.settings) == listed(*env, root, "units/", "setting.yaml"));
      std::vector<std::string> results;
      for (const auto& f : listed(*env, root, "units/")) {
        if (f.find("/results/") != std::string::npos) results.push_back(f);
      }
      CHECK(files_of(store.results) == results);
      CHECK(files_of(store.approvals) == listed(*env, root, "approvals/"));
      CHECK(files_of(store.reviews) == listed(*env, root, "reviews/"));
      CHECK(files_of(store.confirmations) == listed(*env, root, "confirmations/"));
      CHECK(files_of(store.referrals) == listed(*env, root, "referrals/"));
      CHECK(store.sources.size() == store.files_checked);  // in load order, not sorted
      CHECK(store.results.size() > 20);
    }
  }
}
