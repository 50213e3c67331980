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
