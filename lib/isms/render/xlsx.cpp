#include "isms/render/xlsx.h"

#include <xlsxwriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "isms/base/decimal.h"
#include "isms/base/i18n.h"
#include "isms/base/text.h"

namespace isms {

namespace fs = std::filesystem;

int wrapped_lines(const std::string& text, int chars) {
  const int room = std::max(1, chars - 1);
  int lines = 1, used = 0;
  std::size_t i = 0;
  auto place = [&](int w) {
    if (used > 0 && used + w > room) {
      ++lines;
      used = 0;
    }
    while (w > room) {  // a run longer than a line: cut it
      w -= room;
      ++lines;
    }
    used += w;
  };
  while (i < text.size()) {
    if (text[i] == '\n') {
      ++lines;
      used = 0;
      ++i;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80 && text[i] != ' ') {
      // A Latin run up to a space, a line break or a non-ASCII character.
      std::size_t end = i;
      while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 && text[end] != ' ' && text[end] != '\n') ++end;
      place(display_width(std::string_view(text).substr(i, end - i)));
      i = end;
      continue;
    }
    const std::size_t len = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    place(display_width(std::string_view(text).substr(i, std::min(len, text.size() - i))));
    i += len;
  }
  return lines;
}

namespace {

// A Traditional Chinese font named in every cell and chart: without one,
// LibreOffice sets Chinese in its default (often Japanese) CJK glyphs;
// Excel without it falls back to the system's Traditional Chinese font.
constexpr const char* kFont = "Noto Sans CJK TC";

struct Formats {
  lxw_workbook* wb = nullptr;
  lxw_format* title;
  lxw_format* heading;  // a block's heading lines
  lxw_format* note;     // a block's note lines
  lxw_format* label;    // a row's label (the first column of form 005-02)
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

// The number at the start of `text` as the report writes numbers (a Decimal
// in the record range) and what follows it; nullopt when it does not start
// with one. A cell of digits beyond the range (a long id, a pasted figure in
// a text field) is not one of ours and stays text.
std::optional<std::pair<Decimal, std::string_view>> leading_number(std::string_view text) {
  std::size_t end = 0;
  if (end < text.size() && text[end] == '-') ++end;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) ++end;
  const auto value = Decimal::parse(text.substr(0, end));
  if (!value) return std::nullopt;
  return std::pair{*value, text.substr(end)};
}

// Excel holds at most 32,767 UTF-16 code units in a cell, and libxlsxwriter
// writes nothing at all for a longer string. A longer text (a variance a
// unit pasted a report into) is cut at a character boundary and says so;
// the record keeps it whole.
std::string fit_in_cell(const std::string& text) {
  constexpr std::size_t kCellUnits = 32767;
  auto units = [](unsigned char lead) -> std::size_t { return lead >= 0xF0 ? 2 : 1; };
  std::size_t total = 0;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) total += units(c);
  }
  if (total <= kCellUnits) return text;
  const std::string note = tr(" … (cut at the 32,767 characters a spreadsheet cell holds; the record has the whole text)");
  const std::size_t room = kCellUnits - note.size();  // bytes ≥ UTF-16 units
  std::size_t used = 0, end = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (used + units(c) > room) break;
    used += units(c);
    end = i + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return text.substr(0, end) + note;
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& cell, Formats& f,
                const ReportSheet& sheet) {
  static constexpr std::string_view kTargetUnits[] = {"", "%", "件", "天", "小時", "分鐘", "分", "h", "min", "d"};
  std::string_view comparison;
  std::string_view rest = cell;
  for (std::string_view c : {"≥ ", "≤ "}) {
    if (rest.starts_with(c)) {
      comparison = c.substr(0, c.size() - 1);
      rest.remove_prefix(c.size());
    }
  }
  const auto number = leading_number(rest);
  const auto suffix = number ? number->second : std::string_view();
  if (number && comparison.empty() && suffix.empty()) {
    worksheet_write_number(ws, row, col, number->first.to_double(), f.number);
  } else if (number && comparison.empty() && suffix == "%") {
    worksheet_write_number(ws, row, col, number->first.to_double() / 100.0, f.percent);
  } else if (number && !comparison.empty() &&
             std::find(std::begin(kTargetUnits), std::end(kTargetUnits), suffix) != std::end(kTargetUnits)) {
    worksheet_write_number(ws, row, col, number->first.to_double(), f.target(std::string(comparison), std::string(suffix)));
  } else if (!cell.empty()) {
    lxw_format* format = f.text;
    for (const auto& [text, colour] : sheet.fills) {
      if (cell == text) format = f.fill(colour);
    }
    worksheet_write_string(ws, row, col, fit_in_cell(cell).c_str(), format);
  }
}

// Column letters of a 0-based index: 0 → A, 27 → AB.
std::string column_name(std::size_t c) {
  std::string out;
  for (++c; c > 0; c = (c - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

// A range of a sheet as a chart formula: ='名稱'!$B$5:$E$5 (0-based rows and
// columns in, Excel's 1-based rows out).
std::string sheet_range(const std::string& sheet, std::size_t row0, std::size_t col0, std::size_t row1,
                        std::size_t col1) {
  std::string quoted;
  for (char c : sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return fmt::format("='{}'!${}${}:${}${}", quoted, column_name(col0), row0 + 1, column_name(col1), row1 + 1);
}

// The page geometry the writer lays out with. Widths are in Excel's
// character units (a column of w characters is 7w + 5 pixels in the default
// 11 pt font), heights in points. A4 less the default margins (0.7 in left
// and right, 0.75 in top and bottom).
constexpr double kLinePt = 15.5;  // a line of 11 pt Noto Sans CJK TC
constexpr double kRowPadPt = 4;
constexpr int kMaxColumnChars = 28;  // longer texts wrap
constexpr int kHeaderChars = 14;
// The share of the page's width a form is scaled to: LibreOffice and Excel
// measure columns a little differently, and a column cut off the page is
// worse than a margin.
constexpr double kWidthShare = 0.9;
double usable_width_px(bool landscape) { return landscape ? 988 : 659; }
double usable_height_pt(bool landscape) { return landscape ? 487 : 734; }
double column_px(int chars) { return chars * 7.0 + 5; }

// How many lines `text` takes in a column `chars` wide.
double row_height(const std::vector<std::string>& row, const std::vector<int>& width) {
  int lines = 1;
  for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) lines = std::max(lines, wrapped_lines(row[c], width[c]));
  return lines * kLinePt + kRowPadPt;
}

Status fail(lxw_error e, const std::string& what) {
  return Status::io_error(fmt::format("{}: {}", what, lxw_strerror(e)));
}

// A report of every unit of a national store stays far below this.
constexpr std::size_t kMaxWorkbookBytes = std::size_t{256} << 20;

}  // namespace

namespace {

// The workbook written to `scratch` (a file in a directory of its own).
Status write_workbook(const std::vector<ReportSheet>& sheets, const std::string& title, const Date& created,
                      const fs::path& scratch) {
  std::string tmpdir = scratch.parent_path().string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(scratch.c_str(), &options);
  if (!wb) return Status::io_error(tr("cannot start the workbook"));

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

  f.heading = workbook_add_format(wb);
  format_set_font_name(f.heading, kFont);
  format_set_bold(f.heading);
  f.note = workbook_add_format(wb);
  format_set_font_name(f.note, kFont);
  f.label = f.add();
  format_set_bold(f.label);
  format_set_text_wrap(f.label);
  format_set_bg_color(f.label, 0xDDEBF7);

  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (!ws) {
      workbook_close(wb);
      return Status::invalid_argument(trf("bad worksheet name '{}'", sheet.name));
    }
    // Column widths from every table of the sheet: long texts wrap within
    // kMaxColumnChars.
    std::size_t columns = 0;
    for (const auto& b : sheet.blocks) {
      for (const auto& row : b.rows) columns = std::max(columns, row.size());
    }
    std::vector<int> width(columns, 6);
    for (const auto& b : sheet.blocks) {
      for (std::size_t r = 0; r < b.rows.size(); ++r) {
        const auto& row = b.rows[r];
        // A header wraps rather than widen its column past kHeaderChars.
        const int cap = r == 0 && b.header_row ? kHeaderChars : kMaxColumnChars;
        for (std::size_t c = 0; c < row.size(); ++c) {
          int widest = 0;
          for (std::size_t from = 0; from <= row[c].size();) {
            const std::size_t nl = std::min(row[c].find('\n', from), row[c].size());
            widest = std::max(widest, display_width(std::string_view(row[c]).substr(from, nl - from)));
            from = nl + 1;
          }
          width[c] = std::max(width[c], std::min(widest + 2, cap));
        }
      }
    }
    for (std::size_t c = 0; c < columns && c < sheet.widths.size(); ++c) width[c] = sheet.widths[c];
    for (std::size_t c = 0; c < columns; ++c) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width[c], nullptr);
    }
    // Charts to the right of a table take columns of kChartColumnChars.
    constexpr int kChartColumnChars = 10;
    double chart_right_px = 0;
    for (const auto& b : sheet.blocks) {
      for (const auto& ch : b.charts) {
        if (ch.right) chart_right_px = std::max(chart_right_px, ch.width_px + 10);
      }
    }
    const auto chart_columns = static_cast<std::size_t>(std::ceil(chart_right_px / column_px(kChartColumnChars)));
    if (chart_columns > 0) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(columns), static_cast<lxw_col_t>(columns + chart_columns - 1),
                           kChartColumnChars, nullptr);
    }
    double table_px = chart_right_px;
    for (int w : width) table_px += column_px(w);

    worksheet_set_paper(ws, 9);  // A4
    if (sheet.landscape) worksheet_set_landscape(ws);
    // A form prints at the scale that fits its width (what "fit to one page
    // wide" would do, but LibreOffice then shrinks a long sheet onto one
    // page), and is cut into pages by the writer: a block stays on one page
    // when it fits one.
    const int scale = sheet.data ? 100
                                 : std::clamp(static_cast<int>(usable_width_px(sheet.landscape) * kWidthShare * 100 / table_px), 10, 100);
    const double page_pt = usable_height_pt(sheet.landscape) * 100 / scale;
    if (!sheet.data) worksheet_set_print_scale(ws, static_cast<std::uint16_t>(scale));

    lxw_row_t at = 0;
    double used_pt = 0;
    std::vector<lxw_row_t> breaks;
    auto line_row = [&](const std::string& text, lxw_format* format) {
      worksheet_set_row(ws, at, kLinePt + kRowPadPt, nullptr);
      if (!text.empty()) worksheet_write_string(ws, at, 0, text.c_str(), format);
      ++at;
    };
    worksheet_set_row(ws, at, 22, nullptr);
    worksheet_write_string(ws, at++, 0, sheet.title.c_str(), f.title);
    used_pt = 22;
    for (std::size_t bi = 0; bi < sheet.blocks.size(); ++bi) {
      const SheetBlock& b = sheet.blocks[bi];
      std::vector<double> heights;
      double table_pt = 0;
      for (const auto& row : b.rows) {
        heights.push_back(row_height(row, width));
        table_pt += heights.back();
      }
      // A chart to the right of a table is as tall as the table, at least.
      const auto chart_px = [&](const SheetChart& ch) { return ch.right ? std::max(ch.height_px, table_pt / 0.75) : ch.height_px; };
      double below_pt = 0, right_pt = 0;
      for (const auto& ch : b.charts) (ch.right ? right_pt : below_pt) += chart_px(ch) * 0.75 + (ch.right ? 0 : kLinePt);
      const double line_pt = kLinePt + kRowPadPt;
      const double block_pt = static_cast<double>(b.heading.size() + b.notes.size() + 1) * line_pt +
                              std::max(table_pt, right_pt) + below_pt;
      if (at > 1 && (b.new_page || used_pt + block_pt > page_pt)) {
        breaks.push_back(at);
        used_pt = 0;
      }
      used_pt += block_pt;
      for (const auto& h : b.heading) line_row(h, f.heading);
      const lxw_row_t table_row = at;
      for (std::size_t r = 0; r < b.rows.size(); ++r) {
        worksheet_set_row(ws, at, heights[r], nullptr);
        const auto& row = b.rows[r];
        for (std::size_t c = 0; c < row.size(); ++c) {
          const auto col = static_cast<lxw_col_t>(c);
          if (r == 0 && b.header_row) {
            worksheet_write_string(ws, at, col, row[c].c_str(), f.header);
          } else if (c == 0 && b.label_column) {
            worksheet_write_string(ws, at, col, row[c].c_str(), f.label);
          } else {
            write_cell(ws, at, col, row[c], f, sheet);
          }
        }
        ++at;
      }
      // Rows under a chart to the right, when it is taller than the table.
      for (double t = table_pt; t < right_pt; t += line_pt) line_row({}, f.note);
      for (const auto& n : b.notes) line_row(n, f.note);
      for (const auto& spec : b.charts) {
        lxw_chart* chart = workbook_add_chart(wb, spec.kind == SheetChart::Kind::Line ? LXW_CHART_LINE : LXW_CHART_COLUMN);
        const auto range = [&](const SheetRange& g) {
          return sheet_range(sheet.name, table_row + g.row0, g.col0, table_row + g.row1, g.col1);
        };
        const std::string categories = range(spec.categories);
        for (const auto& sr : spec.series) {
          const std::string values = range(sr.values);
          lxw_chart_series* series = chart_add_series(chart, categories.c_str(), values.c_str());
          chart_series_set_name(series, sr.name.c_str());
          if (spec.kind == SheetChart::Kind::Line) {
            lxw_chart_line line{};
            line.color = sr.dashed ? 0xC00000 : 0x1F3F66;
            line.dash_type = sr.dashed ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_SOLID;
            line.width = sr.dashed ? 1.25f : 2.0f;
            chart_series_set_line(series, &line);
            chart_series_set_marker_type(series, sr.dashed ? LXW_CHART_MARKER_NONE : LXW_CHART_MARKER_CIRCLE);
          }
        }
        chart_title_set_name(chart, spec.title.c_str());
        chart_title_set_name_font(chart, &chart_font);
        chart_axis_set_num_font(chart->x_axis, &chart_font);
        chart_axis_set_num_font(chart->y_axis, &chart_font);
        chart_legend_set_font(chart, &chart_font);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        if (spec.percent) {
          chart_axis_set_min(chart->y_axis, spec.axis_min);
          chart_axis_set_max(chart->y_axis, 1);
          chart_axis_set_num_format(chart->y_axis, "0%");
        }
        lxw_chart_options place{};
        place.x_scale = spec.width_px / 480.0;  // libxlsxwriter's default chart is 480 × 288 px
        place.y_scale = chart_px(spec) / 288.0;
        place.x_offset = 8;
        if (spec.right) {
          worksheet_insert_chart_opt(ws, table_row, static_cast<lxw_col_t>(columns), chart, &place);
        } else {
          worksheet_insert_chart_opt(ws, at, 0, chart, &place);
          for (double t = 0; t < spec.height_px * 0.75 + kLinePt; t += line_pt) line_row({}, f.note);
        }
      }
      if (bi + 1 < sheet.blocks.size()) line_row({}, f.note);  // a blank row between blocks
    }
    if (!breaks.empty()) {
      breaks.push_back(0);  // the list's end
      worksheet_set_h_pagebreaks(ws, breaks.data());
    }
    const std::size_t printed_columns = columns + chart_columns;
    if (at > 0 && printed_columns > 0) {
      worksheet_print_area(ws, 0, 0, at - 1, static_cast<lxw_col_t>(printed_columns - 1));
    }
    if (sheet.data && !sheet.blocks.empty() && !sheet.blocks[0].rows.empty()) {
      // The table's header row (sheet row 1) frozen, filtered and repeated.
      const std::size_t n = sheet.blocks[0].rows.size();
      worksheet_freeze_panes(ws, 2, 0);
      worksheet_repeat_rows(ws, 1, 1);
      worksheet_autofilter(ws, 1, 0, static_cast<lxw_row_t>(n), static_cast<lxw_col_t>(columns - 1));
      // One page wide and as many tall as the rows need, about 30 rows a
      // page: Excel's "0 pages tall" (automatic) makes LibreOffice shrink a
      // long sheet onto one unreadable page.
      worksheet_fit_to_pages(ws, 1, static_cast<std::uint16_t>(std::max<std::size_t>(1, (n + 29) / 30)));
    }
    // Every printed page: the form's code and classification at the top, the
    // page of the sheet at the bottom. "&" starts a code in Excel's headers,
    // so a literal one is written "&&".
    const auto literal = [](const std::string& text) {
      std::string out;
      for (char c : text) out += c == '&' ? std::string("&&") : std::string(1, c);
      return out;
    };
    const std::string header = "&L" + literal(sheet.code) + "&R" + literal(sheet.classification);
    worksheet_set_header(ws, header.c_str());
    worksheet_set_footer(ws, "&C&P / &N");
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return fail(e, tr("cannot write the workbook"));
  return Status::ok();
}

}  // namespace

Status render_xlsx(Env& env, const std::vector<ReportSheet>& sheets, const std::string& title, const Date& created,
                   std::string* bytes) {
  return env.write_through_scratch(
      [&](const fs::path& scratch) { return write_workbook(sheets, title, created, scratch); }, kMaxWorkbookBytes,
      bytes);
}

}  // namespace isms
