#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "isms/store/columns.h"

using isms::ColumnUse;

namespace {

std::string field_of(std::span<const isms::Column> columns, const char* name) {
  const isms::Column* c = isms::find_column(columns, name);
  if (!c) return "?";
  return std::string(c->field) + (c->use == ColumnUse::Shown ? " (shown)" : c->use == ColumnUse::Fallback ? " (item)" : "");
}

}  // namespace

TEST_CASE("one vocabulary: field ids, options, headings and other names find the same column") {
  struct Row {
    const char* name;
    const char* result;     // what a results sheet makes of it
    const char* objective;  // what an objectives sheet makes of it
  };
  const Row rows[] = {
      {"measure_unit", "measure_unit", "unit"},
      {"--measure-unit", "measure_unit", "unit"},
      {"measure-unit", "measure_unit", "unit"},
      {"單位", "measure_unit", "unit"},
      {"unit", "unit", "unit"},
      {"目標執行單位", "unit", "executing_unit (shown)"},
      {"Executing unit", "unit", "executing_unit (shown)"},
      {"代號", "objective", "id"},
      {"ID", "objective", "id"},
      {"objective", "objective", "id"},
      {"目標項目", "objective (item)", "item"},
      {"目標（量測）項目", "objective (item)", "item"},  // full-width brackets, as Excel users type them
      {"實績", "actual", "?"},
      {"  Actual ", "actual", "?"},
      {"本季無事件", "no_events", "?"},
      {"--no-events", "no_events", "?"},
      {"報告人", "reported_by", "?"},
      {"reporter", "reported_by", "?"},
      {"目標值", "target (shown)", "target"},
      {"累計", "cumulative (shown)", "?"},
      {"達成情形", "status (shown)", "?"},
      {"審核意見", "opinion (shown)", "?"},
      {"No", "number (shown)", "number (shown)"},
      {"action", "?", "actions"},
      {"--action", "?", "actions"},
      {"具體執行項目", "?", "actions"},
      {"比較方式", "?", "comparison"},
      {"小數位數", "?", "precision"},
      {"累計方式", "?", "aggregation"},
      {"第一季目標", "?", "q1"},
      {"資料來源", "?", "data_source"},
      {"編訂者", "?", "compiled_by (shown)"},
      {"goal", "?", "?"},
      {"", "?", "?"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(field_of(isms::result_columns(), r.name) == r.result);
    CHECK(field_of(isms::objective_columns(), r.name) == r.objective);
  }
}

TEST_CASE("every heading an export writes reads back as its own column") {
  for (auto columns : {isms::result_columns(), isms::objective_columns()}) {
    for (auto language : {isms::Language::ZhTW, isms::Language::En}) {
      std::set<std::string_view> seen;
      for (const auto& c : columns) {
        const std::string_view h = isms::heading(c, language);
        CAPTURE(std::string(h));
        CHECK(seen.insert(h).second);  // no two columns share a heading
        CHECK(isms::find_column(columns, h) == &c);
        if (!c.option.empty()) CHECK(isms::find_column(columns, c.option) == &c);
      }
    }
  }
}

TEST_CASE("docs/formats.md lists every column of the vocabulary") {
  std::ifstream in(std::filesystem::path(ISMS_SOURCE_DIR) / "docs/formats.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE_FALSE(doc.empty());
  for (auto columns : {isms::result_columns(), isms::objective_columns()}) {
    for (const auto& c : columns) {
      std::string row = "| " + std::string(c.zh) + " | " + std::string(c.en) + " | ";
      row += c.use == ColumnUse::Shown ? "—" : "`" + std::string(c.field) + "`";
      row += " | " + (c.option.empty() ? std::string() : "`" + std::string(c.option) + "`") + " |";
      CAPTURE(row);
      CHECK(doc.find(row) != std::string::npos);
    }
  }
}
