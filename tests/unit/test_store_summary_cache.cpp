#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "isms/store/summary_cache.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;

namespace {

const isms::LoadScope k2025{{2025}, {}};
const fs::path kRoot = "/store";
constexpr std::uint64_t kSecond = 1000000000u;

isms::ScopeSnapshot snap(isms::Env& env, const std::string& tool = "tool", const isms::LoadScope& scope = k2025) {
  return isms::snapshot_scope(env, kRoot, scope, tool, "test/2025");
}

// Whether the summary the test wrote is read back, long enough after any
// change for the files to be trusted by their stamps: the fingerprint
// alone decides.
bool still_read(isms::MemEnv& env, const std::string& tool = "tool") {
  env.advance_clock(10 * kSecond);
  const isms::ScopeSnapshot now = snap(env, tool);
  REQUIRE(now.trusted());
  const auto body = isms::read_summary(env, kRoot, now);
  return body && *body == "the body";
}

// The example store in memory, its files old enough to be trusted by their
// stamps (the in-memory Env stamps every write with its clock), and the
// summary of 2025 written.
std::unique_ptr<isms::MemEnv> with_summary() {
  auto env = example_in_memory();
  env->advance_clock(10 * kSecond);
  const isms::ScopeSnapshot first = snap(*env);
  REQUIRE(first.trusted());
  REQUIRE(first.fingerprint.size() == 64);
  CHECK_FALSE(isms::read_summary(*env, kRoot, first));  // none yet
  isms::write_summary(*env, kRoot, first, "the body");
  REQUIRE(still_read(*env));
  env->advance_clock(kSecond);
  return env;
}

}  // namespace

TEST_CASE("a summary is read back only while the files of its scope are those it was made from") {
  auto env = with_summary();
  const isms::ScopeSnapshot now = snap(*env);
  // The snapshot's listing is what a load of the scope takes.
  isms::LoadOptions plain;
  plain.scope = k2025;
  const isms::LoadOptions o = isms::load_options_from(now, plain);
  CHECK(o.listing == &now.listing);
  CHECK(o.listed_at_ns == now.listed_at_ns);

  const fs::path result = kRoot / "units/lio/2025/results/q1/vuln-patch-rate.yaml";
  const std::string text = *env->get(result);
  SUBCASE("files outside the scope, and files no load reads, change nothing") {
    env->put(kRoot / "units/lio/2026/results/q4/vuln-patch-rate.yaml", replaced(text, "year: 2025", "year: 2026"));
    env->put(kRoot / "units/lio/2025/notes.txt", "not a record\n");
    env->put(kRoot / "reviews/2026/q4/lio.yaml", "kind: review\n");
    CHECK(still_read(*env));
  }
  SUBCASE("an edit in place that keeps the size and the mtime: the ctime tells") {
    const std::uint64_t mtime = env->stamp_of(result)->mtime_ns;
    const std::string edited = replaced(text, "kind: result", "kind: resul ");
    REQUIRE(edited.size() == text.size());
    env->put_keeping_stamp(result, edited);
    env->set_mtime(result, mtime);
    CHECK(env->stamp_of(result)->mtime_ns == mtime);
    CHECK_FALSE(still_read(*env));
  }
  SUBCASE("a touched file (same bytes, new mtime)") {
    env->set_mtime(result, env->stamp_of(result)->mtime_ns + 5 * kSecond);
    CHECK_FALSE(still_read(*env));
  }
  SUBCASE("a new file") {
    env->put(kRoot / "units/lio/2025/results/q4/extra.yaml", text);
    CHECK_FALSE(still_read(*env));
  }
  SUBCASE("a removed file") {
    REQUIRE(env->remove_file(result).is_ok());
    CHECK_FALSE(still_read(*env));
  }
  SUBCASE("a renamed file") {
    env->put(kRoot / "units/lio/2025/results/q1/vuln-patch-rates.yaml", text);
    REQUIRE(env->remove_file(result).is_ok());
    CHECK_FALSE(still_read(*env));
  }
  SUBCASE("the configuration edited") {
    env->put(kRoot / "isms-obj.yaml", *env->get(kRoot / "isms-obj.yaml") + "\n");
    CHECK_FALSE(still_read(*env));
  }
  SUBCASE("another executable") { CHECK_FALSE(still_read(*env, "tool-2")); }
  SUBCASE("another scope under the same name") {
    CHECK_FALSE(isms::read_summary(*env, kRoot, snap(*env, "tool", isms::LoadScope{{2025}, {"lio"}})));
  }
}

TEST_CASE("a damaged, truncated or foreign summary file is no summary") {
  auto env = with_summary();
  const fs::path file = kRoot / isms::kSummaryCacheDir / "test/2025";
  const std::string good = *env->get(file);
  SUBCASE("truncated") { env->put(file, good.substr(0, good.size() - 1)); }
  SUBCASE("a byte of the body changed") {
    std::string bad = good;
    bad.back() = 'X';
    env->put(file, bad);
  }
  SUBCASE("another layout") { env->put(file, replaced(good, "isms-obj summary 1", "isms-obj summary 9")); }
  SUBCASE("empty") { env->put(file, ""); }
  SUBCASE("garbage") { env->put(file, std::string(300, '\xff')); }
  CHECK_FALSE(still_read(*env));
}

TEST_CASE("no summary is kept of files too recent for their stamps to be trusted, nor without a cache") {
  auto env = example_in_memory();
  const isms::ScopeSnapshot now = snap(*env);
  CHECK_FALSE(now.trusted());
  isms::write_summary(*env, kRoot, now, "the body");
  CHECK_FALSE(env->get(kRoot / isms::kSummaryCacheDir / "test/2025"));
  CHECK_FALSE(isms::read_summary(*env, kRoot, now));
  // One file written within kRacySeconds of the listing is enough.
  env->advance_clock(10 * kSecond);
  env->put(kRoot / "units/lio/2025/results/q1/vuln-patch-rate.yaml",
           *env->get(kRoot / "units/lio/2025/results/q1/vuln-patch-rate.yaml"));
  env->advance_clock(kSecond);
  CHECK_FALSE(snap(*env).trusted());
  env->advance_clock(2 * kSecond);
  CHECK(snap(*env).trusted());

  // Without a cache (--no-cache): nothing is listed, read or written.
  const isms::ScopeSnapshot none = snap(*env, "");
  CHECK(none.fingerprint.empty());
  CHECK(none.listing.files.empty());
  isms::LoadOptions plain;
  plain.scope = k2025;
  CHECK(isms::load_options_from(none, plain).listing == nullptr);
  isms::write_summary(*env, kRoot, none, "the body");
  CHECK_FALSE(isms::read_summary(*env, kRoot, none));
  CHECK_FALSE(env->get(kRoot / isms::kSummaryCacheDir / "test/2025"));
}

TEST_CASE("scopes snapshotted at once get what each would alone: its files, links and fingerprint") {
  // Overlapping scopes (the configuration is in all of them, referrals of
  // every year in one), a unit's scope and a year's, one of no year held.
  std::vector<isms::LoadScope> scopes = {{{2025}, {}},
                                         {{2026}, {}},
                                         {{2025}, {"lio"}},
                                         {{2026}, {"lio", "student"}, /*referrals_every_year=*/true},
                                         isms::LoadScope::configuration(),
                                         {{2019, 2026}, {}},
                                         {{}, {"research"}},
                                         {{2025}, {"lio0"}},
                                         {}};
  std::vector<std::pair<isms::LoadScope, std::string>> named;
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    named.emplace_back(scopes[i], i == 3 ? std::string() : fmt::format("test/{}", i));  // one kept of nothing
  }
  const auto check = [&](isms::Env& env, const fs::path& root, bool aged) {
    const auto together = isms::snapshot_scopes(env, root, named, "tool");
    REQUIRE(together.size() == scopes.size());
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      CAPTURE(i);
      isms::Listing alone;
      REQUIRE(env.list_store_files(root, &alone, [&](std::string_view d) { return scopes[i].may_hold(d); }, true)
                  .is_ok());
      REQUIRE_FALSE(alone.files.empty());
      CHECK(together[i].name == named[i].second);
      CHECK(together[i].listing.files == alone.files);
      CHECK(together[i].listing.stamps == alone.stamps);
      CHECK(together[i].listing.symlinks == alone.symlinks);
      CHECK(together[i].listed_at_ns > 0);
      CHECK(together[i].fingerprint == isms::snapshot_scope(env, root, scopes[i], "tool", named[i].second).fingerprint);
      CHECK(together[i].trusted() == (aged && i != 3));
    }
    // Another scope's name or another executable: another fingerprint.
    if (aged) CHECK(together[0].fingerprint != together[2].fingerprint);
    if (aged) CHECK(together[0].fingerprint != isms::snapshot_scope(env, root, scopes[0], "other", "test/0").fingerprint);
    // Without a cache: names, and nothing else.
    for (const auto& s : isms::snapshot_scopes(env, root, named, "")) {
      CHECK(s.listing.files.empty());
      CHECK(s.listed_at_ns == 0);
      CHECK_FALSE(s.trusted());
    }
  };
  // Directories whose names extend a held one's ("lio" is held, "lio0" and
  // "lio-x" are not), listed right after and before it.
  const std::vector<std::string> near = {"units/lio0/2025/setting.yaml", "units/lio-x/2025/setting.yaml",
                                         "units/lio/20250/x.yaml"};
  SUBCASE("in memory") {
    auto env = example_in_memory();
    for (const auto& p : near) env->put(kRoot / p, "objectives: []\n");
    env->advance_clock(10 * kSecond);
    check(*env, kRoot, true);
  }
  SUBCASE("on disk, with a link in a unit's year and a file at its top") {
    TempDir t;
    const fs::path s = example_without_cache(t);
    fs::create_symlink(s / "isms-obj.yaml", s / "units/lio/2025/linked.yaml");
    write(s / "units/lio/notes.txt", "not a record");
    for (const auto& p : near) write(s / p, "objectives: []\n");
    check(posix(), s, false);  // written just now: listed, not trusted
  }
}
