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
      {"reviews/2026/q1/cc.2.yaml", true, RecordKind::Review},  // a correction
      {"reviews/2026/q1/cc.1.yaml", false, RecordKind::Config},
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
