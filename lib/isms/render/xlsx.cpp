#include "isms/render/xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <regex>
#include <system_error>

#include "isms/base/text.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
  lxw_format* number;
  lxw_format* percent;
};

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& cell, const Formats& f) {
  static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?)");
  static const std::regex percent(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?%)");
  if (std::regex_match(cell, number)) {
    worksheet_write_number(ws, row, col, std::stod(cell), f.number);
  } else if (std::regex_match(cell, percent)) {
    worksheet_write_number(ws, row, col, std::stod(cell.substr(0, cell.size() - 1)) / 100.0, f.percent);
  } else if (!cell.empty()) {
    worksheet_write_string(ws, row, col, cell.c_str(), f.text);
  }
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
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.text = workbook_add_format(wb);
  format_set_text_wrap(f.text);
  format_set_border(f.text, LXW_BORDER_THIN);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
  f.number = workbook_add_format(wb);
  format_set_border(f.number, LXW_BORDER_THIN);
  format_set_align(f.number, LXW_ALIGN_VERTICAL_TOP);
  f.percent = workbook_add_format(wb);
  format_set_num_format(f.percent, "0.0%");
  format_set_border(f.percent, LXW_BORDER_THIN);
  format_set_align(f.percent, LXW_ALIGN_VERTICAL_TOP);

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
          write_cell(ws, at_row, at_col, row[c], f);
        }
        width[c] = std::max(width[c], std::min(display_width(row[c]) + 2, 40));
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
    worksheet_fit_to_pages(ws, 1, 0);
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
