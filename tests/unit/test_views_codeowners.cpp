#include <doctest/doctest.h>

#include "isms/views/codeowners.h"
#include "support.h"

using namespace test;

TEST_CASE("CODEOWNERS: the secretary by default, each unit's head, the CISO for approvals; later rules win") {
  const isms::Store store = example_store();
  const isms::Codeowners c = isms::codeowners(*store.config, isms::Date{2026, 11, 24}, "records");
  REQUIRE(c.rules.size() >= 3);
  CHECK(c.rules.front().pattern == "/records/");
  bool units = false, approvals = false;
  for (const auto& r : c.rules) {
    units = units || r.pattern == "/records/units/lio/";
    approvals = approvals || r.pattern == "/records/approvals/";
  }
  CHECK(units);
  CHECK(approvals);
  CHECK(c.missing.empty());
}

TEST_CASE("CODEOWNERS: a vacant role is reported, not guessed") {
  isms::Store store = example_store();
  isms::Config config = *store.config;
  config.ciso.clear();
  const isms::Codeowners c = isms::codeowners(config, isms::Date{2026, 11, 24}, "");
  REQUIRE(c.missing.size() == 1);
  CHECK(c.missing[0].find("nobody holds the role on 2026-11-24") != std::string::npos);
}
