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
