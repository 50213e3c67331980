#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "isms/render/report.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;

TEST_CASE("achievement counts met and on track over objectives with data") {
  const isms::Store store = example_store();
  isms::ReportOptions o;
  o.year = 2026;
  o.through = 3;
  const auto r = isms::build_report(store, o);
  CHECK(r.objectives == 28);
  CHECK(r.met + r.on_track + r.not_met + r.no_data == 28);
  CHECK(r.not_met == 1);  // lio's patch rate in Q3
  REQUIRE(r.achievement);
  CHECK(r.achievement->to_string(1) == "96.4");  // 27 of 28
}
