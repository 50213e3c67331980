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

// The report as a workbook (render/xlsx.h): the management-review summary,
// forms ISMS-P-005-01 and -02 laid out to print like the HTML forms, and the
// two forms' data as flat tables (the CSV exports) for sorting and
// filtering.
//
// A chart drawn from cells of its block's table: ranges are (row, column)
// indices into SheetBlock::rows, first and last inclusive.
struct SheetRange {
  std::size_t row0 = 0, col0 = 0, row1 = 0, col1 = 0;
};
struct SheetChart {
  enum class Kind { Column, Line };
  Kind kind = Kind::Column;
  std::string title;
  SheetRange categories;
  struct Series {
    std::string name;
    SheetRange values;
    bool dashed = false;  // a target line
  };
  std::vector<Series> series;
  bool percent = false;  // the values are percentages (0..1 in the sheet)
  double axis_min = 0;   // of a percentage axis (0..1); its maximum is 100 %
  bool right = false;    // placed to the right of the table, else under it
  double width_px = 640, height_px = 300;
};

// A printed unit of a sheet: heading lines, a table, note lines, charts.
// The writer keeps a block on one page when it fits one.
struct SheetBlock {
  std::vector<std::string> heading;  // bold lines above the table
  std::vector<std::vector<std::string>> rows;
  bool header_row = true;      // the first row is the table's header
  bool label_column = false;   // the first column labels the rows (form 005-02)
  std::vector<std::string> notes;  // lines under the table
  std::vector<SheetChart> charts;
  bool new_page = false;  // starts a printed page (005-01: one table per page)
};

struct ReportSheet {
  std::string name;   // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::string title;  // a line above everything
  std::vector<SheetBlock> blocks;
  std::string code;            // the form's code, printed at the top left of every page
  std::string classification;  // printed at the top right of every page
  // Cells whose whole text is one of these are filled with the colour
  // (0xRRGGBB): the statuses, so a printed sheet reads like the forms.
  std::vector<std::pair<std::string, std::uint32_t>> fills;
  // A data sheet: one block whose header row is frozen and filtered, printed
  // one page wide; else a form, printed at a scale that fits its width.
  bool data = false;
  bool landscape = true;
  // Column widths in characters, from the first column; the others (or all,
  // when empty) fit their longest text up to 28 characters.
  std::vector<int> widths;
};
std::vector<ReportSheet> report_sheets(const Report& report);

}  // namespace isms
