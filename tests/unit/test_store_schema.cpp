#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

#include "isms/base/decimal.h"
#include "isms/ops/init.h"
#include "isms/rules/validate.h"
#include "isms/store/embedded.h"
#include "isms/store/schema.h"
#include "isms/store/store.h"
#include "isms/views/complete.h"
#include "isms/views/findings.h"
#include "support.h"

namespace fs = std::filesystem;
using isms::RecordKind;
using namespace test;

TEST_CASE("schema violations name the field and point at it") {
  isms::SchemaValidator v;
  struct Row {
    const char* name;
    const char* text;
    const char* expected;
  };
  const Row rows[] = {
      {"missing field", "kind: result\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported: \"2026-04-01\"\n",
       "1:1 schema.missing-field missing required field 'reported_by'"},
      {"unknown field",
       "kind: result\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n"
       "actaul: 5\n",
       "8:1 schema.unknown-field unknown field 'actaul' (expected one of: actual, denominator, kind, measure_unit, no_events, "
       "numerator, objective, quarter, reason, reported, reported_by, sequence, unit, variance, year)"},
      {"type", "kind: result\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n"
               "actual: lots\n",
       "8:9 schema.type 'actual' must be a number, not 'lots'"},
      {"range", "kind: result\nyear: 2026\nquarter: 5\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n",
       "3:10 schema.range 'quarter' must be at most 4 (found 5)"},
      {"pattern", "kind: result\nyear: 2026\nquarter: 1\nunit: ../etc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n",
       "4:7 schema.pattern 'unit' '../etc' is not a unit id: lowercase letter, then lowercase letters, digits or '-' (at most 32)"},
      {"const", "kind: review\nyear: 2026\nquarter: 1\nunit: cc\nobjective: x\nreported_by: a\nreported: \"2026-04-01\"\n",
       "1:7 schema.const 'kind' must be result (found 'review')"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    isms::Diagnostics d;
    auto root = isms::parse_yaml(r.text, "f.yaml", d);
    REQUIRE(root);
    CHECK_FALSE(v.validate(RecordKind::Result, *root, "f.yaml", d));
    d.finish();
    REQUIRE(d.items().size() == 1);
    const auto& x = d.items()[0];
    CHECK(std::to_string(x.mark.line) + ":" + std::to_string(x.mark.column) + " " + std::string(isms::code_name(x.code)) + " " + x.message ==
          r.expected);
  }
}

TEST_CASE("nested schema problems point into the objective list") {
  isms::SchemaValidator v;
  isms::Diagnostics d;
  auto root = isms::parse_yaml(
      "kind: setting\nyear: 2026\nunit: cc\nrevision: 1\nstatus: final\ncompiled_by: a\nsupervisor: b\n"
      "updated: \"2025-12-01\"\nobjectives:\n  - id: x\n    item: yy\n    comparison: \">\"\n    target: 1\n",
      "s.yaml", d);
  REQUIRE(root);
  CHECK_FALSE(v.validate(RecordKind::Setting, *root, "s.yaml", d));
  d.finish();
  CHECK(codes_at(d) ==
        "s.yaml:5:9 schema.enum\n"
        "s.yaml:10:5 schema.missing-field\n"
        "s.yaml:12:17 schema.enum\n");
  CHECK(d.items()[1].message ==
        "'objectives[0]' is missing required fields 'aggregation', 'data_source', 'department', 'method', "
        "'owner', 'precision', 'unit'");
}

TEST_CASE("schema modelines in the bundled stores point at the schema of their record kind") {
  const std::string prefix = "# yaml-language-server: $schema=";
  int checked = 0;
  for (const char* rel : {"examples/university", "tests/stores/minimal"}) {
    const fs::path root = fs::path(ISMS_SOURCE_DIR) / rel;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
      std::ifstream in(entry.path());
      std::string first;
      std::getline(in, first);
      if (first.rfind(prefix, 0) != 0) continue;
      const auto where = isms::classify_path(fs::relative(entry.path(), root).generic_string());
      REQUIRE(where);
      const fs::path schema = entry.path().parent_path() / first.substr(prefix.size());
      CAPTURE(entry.path().string());
      CHECK(fs::exists(schema));
      CHECK(schema.filename().string() == std::string(isms::record_kind_name(where->kind)) + ".schema.json");
      ++checked;
    }
  }
  CHECK(checked > 400);
}

TEST_CASE("every number a record schema allows lies in the range the loader reads") {
  // The loader's Decimal holds |v| ≤ 10^12; the schemas say the same to any
  // other JSON Schema reader (an editor, ajv), for every number field.
  const auto limit = static_cast<double>(isms::Decimal::kMaxAbsUnits / isms::Decimal::kOne);
  int numbers = 0;
  for (const char* name : {"setting", "approval", "result", "referral"}) {
    const auto text = isms::embedded_file(name);
    REQUIRE_FALSE(text.empty());
    const auto j = nlohmann::json::parse(text);
    std::function<void(const nlohmann::json&, const std::string&)> walk = [&](const nlohmann::json& x,
                                                                             const std::string& at) {
      if (x.is_object()) {
        const auto t = x.find("type");
        const bool number = t != x.end() && (*t == "number" || (t->is_array() && std::find(t->begin(), t->end(), "number") != t->end()));
        if (number) {
          CAPTURE(name);
          CAPTURE(at);
          ++numbers;
          CHECK(x.value("minimum", 0.0) == -limit);
          CHECK(x.value("maximum", 0.0) == limit);
        }
        for (const auto& [k, v] : x.items()) walk(v, at + "/" + k);
      } else if (x.is_array()) {
        for (const auto& v : x) walk(v, at + "[]");
      }
    };
    walk(j, "");
  }
  CHECK(numbers >= 12);
}
