// What the unit tests share: the process's real Env (for tests that read
// the example store or a temporary directory; the in-memory isms::MemEnv is
// made per test), scratch stores, loading and checking, and the shapes tests
// compare diagnostics in.
#pragma once

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include <doctest/doctest.h>

#include "isms/rules/measure.h"
#include "isms/rules/validate.h"
#include "isms/store/store.h"
#include "isms/sys/env.h"
#include "isms/sys/mem_env.h"

namespace test {

inline isms::Env& posix() {
  static const std::unique_ptr<isms::Env> env = isms::new_posix_env();
  return *env;
}

// Every file below `from` (hidden ones too, but not a store's lock and
// caches) put into `env` below `to`.
inline void copy_into(isms::MemEnv& env, const std::filesystem::path& from, const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  for (const auto& e : fs::recursive_directory_iterator(from)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), from).generic_string();
    if (rel.rfind(".isms-obj/cache", 0) == 0 || rel == ".isms-obj/lock") continue;
    std::ifstream in(e.path(), std::ios::binary);
    env.put(to / rel, std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
}

// The bundled example store in a fresh in-memory Env, at /store.
inline std::unique_ptr<isms::MemEnv> example_in_memory() {
  auto env = std::make_unique<isms::MemEnv>();
  copy_into(*env, std::filesystem::path(ISMS_SOURCE_DIR) / "examples/university", "/store");
  return env;
}

// ---------------------------------------------------------------- files

// A temporary directory, removed with everything in it.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "isms-unit-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

inline std::filesystem::path scratch_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "isms-write-XXXXXX").string();
  return std::filesystem::path(::mkdtemp(tmpl.data()));
}

inline void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A copy of a bundled store in a temporary directory, at `root`.
struct Scratch {
  std::filesystem::path root;
  explicit Scratch(const char* base = "tests/stores/minimal") {
    std::string tmpl = (std::filesystem::temp_directory_path() / "isms-life-XXXXXX").string();
    root = std::filesystem::path(::mkdtemp(tmpl.data())) / "s";
    std::filesystem::copy(std::filesystem::path(ISMS_SOURCE_DIR) / base, root,
                          std::filesystem::copy_options::recursive);
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(root.parent_path(), ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  std::string read(const std::string& rel) const { return read_text(root / rel); }
  void write(const std::string& rel, const std::string& text) const { test::write(root / rel, text); }
  void replace(const std::string& rel, const std::string& from, const std::string& to) const {
    write(rel, replaced(read(rel), from, to));
  }
};

// The example store with problems whose checks read other records of their
// unit-year: an unknown objective, a referral for it, an approval whose
// digest no longer matches; and a path outside the layout.
inline void make_broken_example(const std::filesystem::path& s) {
  std::filesystem::copy(std::filesystem::path(ISMS_SOURCE_DIR) / "examples/university", s,
                        std::filesystem::copy_options::recursive);
  write(s / "units/academic/2026/results/q1/nothing.yaml",
        "kind: result\nyear: 2026\nquarter: 1\nunit: academic\nobjective: nothing\nactual: 1\n"
        "reported_by: lee.ch\nreported: \"2025-12-01\"\n");
  const std::filesystem::path referral = s / "referrals/2026/lio/vuln-patch-rate.yaml";
  write(s / "referrals/2025/lio/nothing.yaml",
        replaced(replaced(read_text(referral), "objective: vuln-patch-rate", "objective: nothing"), "year: 2026",
                 "year: 2025"));
  const std::filesystem::path approval = s / "approvals/2026/accounting/r1.yaml";
  write(approval, replaced(read_text(approval), "sha256:fb642a", "sha256:00642a"));
  // A path outside the layout is validate's business only.
  write(s / "units/academic/notes.yaml", "a: 1\n");
}

// Files written just now are too recent to trust by their stamp alone
// (kRacySeconds): age them as if the store had been checked out earlier.
inline void age(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().string().find(".isms-obj") == std::string::npos) {
      fs::last_write_time(e.path(), fs::last_write_time(e.path()) - std::chrono::hours(1));
    }
  }
}

// The example store copied into `t`, without whatever caches a run on the
// source tree left.
inline std::filesystem::path example_without_cache(const TempDir& t) {
  namespace fs = std::filesystem;
  const fs::path s = t.path / "s";
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "examples/university", s, fs::copy_options::recursive);
  fs::remove_all(s / ".isms-obj/cache");
  return s;
}

// ---------------------------------------------------------------- stores

// The bundled example store, loaded from the source tree.
inline isms::Store example_store() {
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(posix(), std::filesystem::path(ISMS_SOURCE_DIR) / "examples/university", {}, &store, d)
              .is_ok());
  return store;
}

struct Loaded {
  isms::Store store;
  isms::Diagnostics diags;
};

// The store at `root`, loaded and checked as validate checks it.
inline std::unique_ptr<Loaded> load(const std::filesystem::path& root, std::optional<isms::Date> today = std::nullopt) {
  auto l = std::make_unique<Loaded>();
  REQUIRE(isms::load_store(posix(), root, {}, &l->store, l->diags).is_ok());
  isms::ValidateOptions o;
  o.today = today;
  isms::check_store(l->store, o, l->diags);
  l->diags.finish();
  return l;
}

// "file code" per diagnostic, one a line.
inline std::string file_codes(const isms::Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) out += x.file + " " + std::string(isms::code_name(x.code)) + "\n";
  return out;
}

// "file:line:col code" per diagnostic, one a line.
inline std::string codes_at(const isms::Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) {
    out += x.file + ":" + std::to_string(x.mark.line) + ":" + std::to_string(x.mark.column) + " " +
           std::string(isms::code_name(x.code)) + "\n";
  }
  return out;
}

// "file:line:col code message".
inline std::string rendered(const isms::Diagnostic& x) {
  return x.file + ":" + std::to_string(x.mark.line) + ":" + std::to_string(x.mark.column) + " " +
         std::string(isms::code_name(x.code)) + " " + x.message + "\n";
}

// ---------------------------------------------------------------- measurement

namespace measure {

inline isms::Decimal D(const char* s) { return *isms::Decimal::parse(s); }

inline isms::Target at(const char* v) {
  isms::Target t;
  t.value = D(v);
  return t;
}
inline isms::Target between(const char* lo, const char* hi) {
  isms::Target t;
  t.is_range = true;
  t.min = D(lo);
  t.max = D(hi);
  return t;
}

inline isms::Objective def(isms::Comparison c, isms::Target t, isms::MeasureUnit u, int precision,
                           isms::Aggregation a) {
  isms::Objective o;
  o.id = "x";
  o.comparison = c;
  o.target = t;
  o.unit = u;
  o.precision = precision;
  o.aggregation = a;
  return o;
}

inline std::optional<isms::QuarterValues> actual(const char* v) {
  return isms::QuarterValues{D(v), std::nullopt, std::nullopt};
}
inline std::optional<isms::QuarterValues> ratio(const char* n, const char* d) {
  return isms::QuarterValues{std::nullopt, D(n), D(d)};
}
inline const std::optional<isms::QuarterValues> none = std::nullopt;
// 本季無事件: on record, without a value.
inline const std::optional<isms::QuarterValues> no_events =
    isms::QuarterValues{std::nullopt, std::nullopt, std::nullopt, true};

inline std::string show(const isms::QuarterOutcome& o) {
  return (o.value ? o.value->to_string() : std::string("-")) + " / " +
         (o.cumulative ? o.cumulative->to_string() : std::string("-")) + " / " + std::string(isms::to_string(o.status));
}

// One case of a table-driven measurement test.
struct Row {
  const char* name;
  isms::Objective def;
  isms::YearValues values;
  int quarter;
  const char* expected;  // "value / cumulative / status"
};

}  // namespace measure

// A `load` for the summary-cache readers (earlier_year_facts,
// earlier_quarter_items): loads from `env` at `root`, counting each load
// in `*loads`.
inline std::function<bool(const isms::LoadOptions&, isms::Store*)> counting_load(isms::Env& env,
                                                                                 std::filesystem::path root,
                                                                                 int* loads) {
  return [&env, root = std::move(root), loads](const isms::LoadOptions& o, isms::Store* store) {
    ++*loads;
    isms::Diagnostics d;
    return isms::load_store(env, root, o, store, d).is_ok();
  };
}

inline isms::LoadOptions scoped(isms::LoadScope scope) {
  isms::LoadOptions options;
  options.scope = std::move(scope);
  return options;
}

}  // namespace test
