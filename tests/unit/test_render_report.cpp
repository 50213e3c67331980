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

TEST_CASE("report JSON validates against schemas/report.schema.json, for every form and both languages") {
  std::ifstream in(fs::path(ISMS_SOURCE_DIR) / "schemas/report.schema.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const nlohmann::json schema_doc = nlohmann::json::parse(ss.str());
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);

  const isms::Store store = example_store();
  for (auto lang : {isms::Language::ZhTW, isms::Language::En}) {
    for (auto form : {isms::ReportForm::Summary, isms::ReportForm::Setting, isms::ReportForm::Review}) {
      for (int year : {2024, 2025, 2026, 2027}) {
        isms::ReportOptions o;
        o.year = year;
        o.through = year == 2026 ? 3 : 4;
        o.language = lang;
        if (form == isms::ReportForm::Summary) o.trend_from = year - 4;
        const auto report = isms::build_report(store, o);
        const nlohmann::json doc = nlohmann::json::parse(isms::render_report(report, form, isms::ReportFormat::Json));
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter target(doc);
        CAPTURE(year);
        const bool ok = validator.validate(schema, target, &results);
        std::string errors;
        valijson::ValidationResults::Error e;
        while (results.popError(e)) {
          for (const auto& c : e.context) errors += c;
          errors += ": " + e.description + "\n";
        }
        CHECK_MESSAGE(ok, errors);
      }
    }
  }
}

TEST_CASE("the same store and options give byte-identical reports") {
  const isms::Store a = example_store();
  const isms::Store b = example_store();
  isms::ReportOptions o;
  o.year = 2026;
  o.through = 3;
  for (auto format : {isms::ReportFormat::Text, isms::ReportFormat::Markdown, isms::ReportFormat::Csv,
                      isms::ReportFormat::Json, isms::ReportFormat::Html}) {
    CHECK(isms::render_report(isms::build_report(a, o), isms::ReportForm::Summary, format) ==
          isms::render_report(isms::build_report(b, o), isms::ReportForm::Summary, format));
  }
}

TEST_CASE("report dates and years in both calendars and languages") {
  isms::ReportOptions o;
  const isms::Date d{2026, 12, 15};
  struct Row {
    isms::Language lang;
    isms::Calendar cal;
    const char* date;
    const char* year;
  };
  const Row rows[] = {{isms::Language::ZhTW, isms::Calendar::Roc, "民國115年12月15日", "115年度"},
                      {isms::Language::ZhTW, isms::Calendar::Gregorian, "2026年12月15日", "2026年度"},
                      {isms::Language::En, isms::Calendar::Roc, "115.12.15 (ROC)", "ROC 115"},
                      {isms::Language::En, isms::Calendar::Gregorian, "2026-12-15", "2026"}};
  for (const auto& r : rows) {
    o.language = r.lang;
    o.calendar = r.cal;
    CHECK(isms::report_date(d, o) == r.date);
    CHECK(isms::report_year(2026, o) == r.year);
  }
}
