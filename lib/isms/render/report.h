// isms-obj report: the management-review summary (§5.6, ISO/IEC 27001 §9.3)
// and forms ISMS-P-005-01 (§5.4 publication) and ISMS-P-005-02, rendered
// from the model (views/report.h) as text, Markdown, CSV, JSON or HTML.
// Renderers return strings; nothing here prints or reads the clock, so the
// same store and options give byte-identical output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "isms/views/report.h"

namespace isms {

enum class ReportForm { Summary, Setting, Review };
enum class ReportFormat { Text, Markdown, Csv, Json, Html };

// A date in the report's calendar and language: 民國115年12月15日 /
// 2026年12月15日 / 115.12.15 (ROC) / 2026-12-15.
std::string report_date(const Date& d, const ReportOptions& o);
// A year heading: 115年度 / 2026年度 / ROC 115 / 2026.
std::string report_year(int year, const ReportOptions& o);

std::string render_report(const Report& report, ReportForm form, ReportFormat format);

// The report as tables for a spreadsheet: the management-review summary
// (per unit and total), form ISMS-P-005-01 (one row per objective) and form
// ISMS-P-005-02 (one row per objective and quarter, as the CSV has it).
// Each table's first row is its header.
// A bar chart drawn from columns of a sheet's rows: one category per row
// from `first_row` to `last_row` (indices into rows), one series per value
// column, its name the header of that column.
struct SheetChart {
  std::string title;
  std::size_t category_column = 0;
  std::vector<std::size_t> value_columns;
  std::size_t first_row = 1, last_row = 1;
  bool percent = false;  // the values are percentages (0..1 in the sheet)
};

struct ReportSheet {
  std::string name;   // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::string title;  // a line above the table
  std::vector<std::vector<std::string>> rows;
  std::string code;            // the form's code, printed at the top left of every page
  std::string classification;  // printed at the top right of every page
  // Cells whose whole text is one of these are filled with the colour
  // (0xRRGGBB): the statuses, so a printed sheet reads like the forms.
  std::vector<std::pair<std::string, std::uint32_t>> fills;
  std::optional<SheetChart> chart;
};
std::vector<ReportSheet> report_sheets(const Report& report);

}  // namespace isms
