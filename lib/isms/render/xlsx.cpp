#include "isms/render/xlsx.h"

#include <xlsxwriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <system_error>

#include "isms/base/text.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

// A Traditional Chinese font named in every cell and chart: without one,
// LibreOffice sets Chinese in its default (often Japanese) CJK glyphs;
// Excel without it falls back to the system's Traditional Chinese font.
constexpr const char* kFont = "Noto Sans CJK TC";

struct Formats {
  lxw_workbook* wb = nullptr;
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
  lxw_format* number;
  lxw_format* percent;
  std::map<std::string, lxw_format*> targets;  // by number format
  std::map<std::uint32_t, lxw_format*> fills;  // status texts, by colour

  lxw_format* add() {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, kFont);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  }
  // A target such as "≥ 95%" as the number 95 shown "≥ 95%": it sorts and
  // compares as a number.
  lxw_format* target(const std::string& prefix, const std::string& suffix) {
    const std::string code = fmt::format("\"{} \"General\"{}\"", prefix, suffix);
    auto& f = targets[code];
    if (!f) {
      f = add();
      format_set_num_format(f, code.c_str());
    }
    return f;
  }
  lxw_format* fill(std::uint32_t colour) {
    auto& f = fills[colour];
    if (!f) {
      f = add();
      format_set_text_wrap(f);
      format_set_bg_color(f, colour);
    }
    return f;
  }
};

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& cell, Formats& f,
                const ReportSheet& sheet) {
  static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?)");
  static const std::regex percent(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?%)");
  static const std::regex target(R"((≥|≤) (-?(0|[1-9][0-9]*)(\.[0-9]+)?)(%|件|天|小時|分鐘|分|h|min|d)?)");
  std::smatch m;
  if (std::regex_match(cell, number)) {
    worksheet_write_number(ws, row, col, std::stod(cell), f.number);
  } else if (std::regex_match(cell, percent)) {
    worksheet_write_number(ws, row, col, std::stod(cell.substr(0, cell.size() - 1)) / 100.0, f.percent);
  } else if (std::regex_match(cell, m, target)) {
    worksheet_write_number(ws, row, col, std::stod(m[2].str()), f.target(m[1].str(), m[5].str()));
  } else if (!cell.empty()) {
    lxw_format* format = f.text;
    for (const auto& [text, colour] : sheet.fills) {
      if (cell == text) format = f.fill(colour);
    }
    worksheet_write_string(ws, row, col, cell.c_str(), format);
  }
}

// Column letters of a 0-based index: 0 → A, 27 → AB.
std::string column_name(std::size_t c) {
  std::string out;
  for (++c; c > 0; c = (c - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

// A range of one column of a sheet, as a chart formula: ='名稱'!$H$3:$H$10.
std::string column_range(const std::string& sheet, std::size_t column, std::size_t first_row, std::size_t last_row) {
  std::string quoted;
  for (char c : sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  // Sheet rows are table rows + 2 (the title row, then 1-based rows).
  return fmt::format("='{}'!${}${}:${}${}", quoted, column_name(column), first_row + 2, column_name(column), last_row + 2);
}

Status fail(lxw_error e, const std::string& what) {
  return Status::io_error(what + ": " + lxw_strerror(e));
}

// A report of every unit of a national store stays far below this.
constexpr std::size_t kMaxWorkbookBytes = std::size_t{256} << 20;

}  // namespace

Status render_xlsx(Env& env, const std::vector<ReportSheet>& sheets, const std::string& title, const Date& created,
                   const fs::path& scratch, std::string* bytes) {
  std::string tmpdir = scratch.parent_path().empty() ? std::string(".") : scratch.parent_path().string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(scratch.c_str(), &options);
  if (!wb) return Status::io_error("cannot start the workbook " + scratch.string());

  std::string title_copy = title;
  lxw_doc_properties props{};
  props.title = title_copy.data();
  props.created = static_cast<time_t>(created.days() * 86400L);
  workbook_set_properties(wb, &props);

  Formats f{};
  f.wb = wb;
  f.title = workbook_add_format(wb);
  format_set_font_name(f.title, kFont);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.header = f.add();
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  f.text = f.add();
  format_set_text_wrap(f.text);
  f.number = f.add();
  f.percent = f.add();
  format_set_num_format(f.percent, "0.0%");
  lxw_chart_font chart_font{};
  std::string font_name = kFont;
  chart_font.name = font_name.data();

  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (!ws) {
      workbook_close(wb);
      (void)env.remove_file(scratch);
      return Status::invalid_argument("bad worksheet name '" + sheet.name + "'");
    }
    worksheet_write_string(ws, 0, 0, sheet.title.c_str(), f.title);
    std::size_t columns = 0;
    for (const auto& row : sheet.rows) columns = std::max(columns, row.size());
    std::vector<int> width(columns, 6);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      for (std::size_t c = 0; c < row.size(); ++c) {
        const auto at_row = static_cast<lxw_row_t>(r + 1);
        const auto at_col = static_cast<lxw_col_t>(c);
        if (r == 0) {
          worksheet_write_string(ws, at_row, at_col, row[c].c_str(), f.header);
        } else {
          write_cell(ws, at_row, at_col, row[c], f, sheet);
        }
        // Long texts wrap within a column of at most 28 characters.
        width[c] = std::max(width[c], std::min(display_width(row[c]) + 2, 28));
      }
    }
    for (std::size_t c = 0; c < columns; ++c) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width[c], nullptr);
    }
    if (!sheet.rows.empty()) {
      worksheet_freeze_panes(ws, 2, 0);
      worksheet_repeat_rows(ws, 1, 1);
      if (columns > 0) {
        worksheet_autofilter(ws, 1, 0, static_cast<lxw_row_t>(sheet.rows.size()), static_cast<lxw_col_t>(columns - 1));
      }
    }
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    // One page wide and as many tall as the rows need, about 30 rows a page:
    // Excel's "0 pages tall" (automatic) makes LibreOffice shrink a long
    // sheet onto one unreadable page.
    const auto tall = static_cast<std::uint16_t>(std::max<std::size_t>(1, (sheet.rows.size() + 29) / 30));
    worksheet_fit_to_pages(ws, 1, tall);
    // Every printed page: the form's code and classification at the top, the
    // page of the sheet at the bottom. "&" starts a code in Excel's headers,
    // so a literal one is written "&&".
    const auto literal = [](const std::string& s) {
      std::string out;
      for (char c : s) out += c == '&' ? std::string("&&") : std::string(1, c);
      return out;
    };
    const std::string header = "&L" + literal(sheet.code) + "&R" + literal(sheet.classification);
    worksheet_set_header(ws, header.c_str());
    worksheet_set_footer(ws, "&C&P / &N");
    if (sheet.chart && sheet.rows.size() > sheet.chart->last_row) {
      const SheetChart& spec = *sheet.chart;
      lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
      const std::string categories = column_range(sheet.name, spec.category_column, spec.first_row, spec.last_row);
      for (std::size_t column : spec.value_columns) {
        const std::string values = column_range(sheet.name, column, spec.first_row, spec.last_row);
        lxw_chart_series* series = chart_add_series(chart, categories.c_str(), values.c_str());
        chart_series_set_name(series, sheet.rows[0][column].c_str());
      }
      chart_title_set_name(chart, spec.title.c_str());
      chart_title_set_name_font(chart, &chart_font);
      chart_axis_set_num_font(chart->x_axis, &chart_font);
      chart_axis_set_num_font(chart->y_axis, &chart_font);
      chart_legend_set_font(chart, &chart_font);
      if (spec.percent) {
        chart_axis_set_min(chart->y_axis, 0);
        chart_axis_set_max(chart->y_axis, 1);
        chart_axis_set_num_format(chart->y_axis, "0%");
      }
      lxw_chart_options place{};
      place.x_scale = 1.6;
      place.y_scale = 1.2;
      worksheet_insert_chart_opt(ws, static_cast<lxw_row_t>(sheet.rows.size() + 3), 0, chart, &place);
    }
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    (void)env.remove_file(scratch);
    return fail(e, "cannot write the workbook " + scratch.string());
  }
  bool truncated = false;
  const Status read = env.read_file(scratch, kMaxWorkbookBytes, bytes, &truncated);
  (void)env.remove_file(scratch);
  if (!read.is_ok() || truncated) return Status::io_error("cannot read back the workbook " + scratch.string());
  return Status::ok();
}

}  // namespace isms
