#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/format/digest.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/validate.h"
#include "isms/views/retention.h"
#include "support.h"

namespace fs = std::filesystem;
using isms::TableState;
using namespace test;

TEST_CASE("retention counts from the year's end, or from the record's own date when configured") {
  Scratch t;
  auto l = load(t.root);
  const std::string q1 = "units/cc/2026/results/q1/patch-rate.yaml";
  CHECK(isms::retention_until(l->store, q1, l->store.config->policy) == isms::Date{2027, 12, 31});
  t.replace("isms-obj.yaml", "    years: 1\n", "    years: 1\n    from: record-date\n");
  l = load(t.root);
  REQUIRE(l->store.config);
  CHECK(isms::retention_until(l->store, q1, l->store.config->policy) == isms::Date{2027, 4, 8});  // reported 2026-04-08
  CHECK(isms::retention_until(l->store, "approvals/2026/cc/r1.yaml", l->store.config->policy) == isms::Date{2026, 12, 10});
}
