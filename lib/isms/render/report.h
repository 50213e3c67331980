// isms-obj report: the management-review summary (§5.6, ISO/IEC 27001 §9.3)
// and forms ISMS-P-005-01 (§5.4 publication) and ISMS-P-005-02, computed
// once as a model and rendered as text, Markdown, CSV, JSON or HTML.
// Renderers return strings; nothing here prints or reads the clock, so the
// same store and options give byte-identical output.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "isms/rules/forecast.h"
#include "isms/rules/lifecycle.h"
#include "isms/store/store.h"

namespace isms {

enum class ReportForm { Summary, Setting, Review };
enum class ReportFormat { Text, Markdown, Csv, Json, Html };

struct ReportOptions {
  int year = 0;
  int through = 4;                  // the last quarter reported
  std::optional<std::string> unit;  // one unit, or all
  Language language = Language::ZhTW;
  Calendar calendar = Calendar::Roc;
};

struct ObjectiveReport {
  std::string id;
  const Objective* definition = nullptr;  // in force at the last reported quarter (approval snapshot)
  const Objective* listed = nullptr;      // as in the table (columns the snapshot does not carry)
  ObjectiveYear year;                     // judged through `through`
  QuarterStatus status = QuarterStatus::NoData;  // at the last reported quarter with data
  Forecast forecast;
  std::vector<const Referral*> referrals;
  std::optional<Decimal> last_year_cumulative;  // for trends: last year's cumulative of the same objective
};

struct UnitReport {
  std::string id, name;
  TableLifecycle table;
  const Approval* in_force = nullptr;  // at the last reported quarter
  std::vector<ObjectiveReport> objectives;
  std::array<const Review*, 4> reviews{};
  int met = 0, not_met = 0, on_track = 0, no_data = 0;
  std::optional<Decimal> achievement;            // (met + on track) ÷ objectives with data × 100
  std::optional<Decimal> last_year_achievement;  // the same for last year's Q4
};

struct Report {
  ReportOptions options;
  std::string organisation;
  std::vector<UnitReport> units;
  int objectives = 0, met = 0, not_met = 0, on_track = 0, no_data = 0, approved_tables = 0, tables = 0;
  std::optional<Decimal> achievement, last_year_achievement;
};

Report build_report(const Store& store, const ReportOptions& options);

// A date in the report's calendar and language: 民國115年12月15日 /
// 2026年12月15日 / 115.12.15 (ROC) / 2026-12-15.
std::string report_date(const Date& d, const ReportOptions& o);
// A year heading: 115年度 / 2026年度 / ROC 115 / 2026.
std::string report_year(int year, const ReportOptions& o);

std::string render_report(const Store& store, const Report& report, ReportForm form, ReportFormat format);

// The report as tables for a spreadsheet: the management-review summary
// (per unit and total), form ISMS-P-005-01 (one row per objective) and form
// ISMS-P-005-02 (one row per objective and quarter, as the CSV has it).
// Each table's first row is its header.
struct ReportSheet {
  std::string name;   // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::string title;  // a line above the table
  std::vector<std::vector<std::string>> rows;
};
std::vector<ReportSheet> report_sheets(const Store& store, const Report& report);

}  // namespace isms
