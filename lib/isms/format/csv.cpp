#include "isms/format/csv.h"

#include <csv.h>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"

namespace isms {

namespace {

struct Collector {
  std::vector<CsvRow>* rows;
  CsvRow current;
  int line = 1;        // physical line being fed
  bool started = false;
};

void on_field(void* data, std::size_t len, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  if (!c->started) {
    c->current.line = c->line;
    c->started = true;
  }
  c->current.cells.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void on_row(int, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  const bool blank = c->current.cells.size() == 1 && c->current.cells[0].empty();
  if (c->started && !blank) c->rows->push_back(std::move(c->current));
  c->current = CsvRow{};
  c->started = false;
}

}  // namespace

bool read_csv(std::string_view bytes, const std::string& file, std::vector<CsvRow>* rows, Diagnostics& diags) {
  rows->clear();
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (auto problem = check_record_text(bytes)) {
    const auto lc = line_column_at(bytes, problem->offset);
    diags.report(problem->kind == TextProblem::Kind::InvalidUtf8 ? DiagCode::EncodingUtf8 : DiagCode::EncodingControlCharacter,
                file, {lc.line, lc.column},
                problem->kind == TextProblem::Kind::InvalidUtf8
                    ? std::string(tr("invalid UTF-8; save the CSV as UTF-8 (Excel: CSV UTF-8), not Big5"))
                    : trf("{} in the CSV (binary data?); only tab and line breaks are allowed",
                          describe_character(problem->code_point)));
    return false;
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    diags.report(DiagCode::CsvMalformed, file, {}, "cannot initialise the CSV parser");
    return false;
  }
  // Excel's "Unicode text" separates fields by tabs: a first line with tabs
  // and no commas says so.
  const std::string_view first = bytes.substr(0, bytes.find('\n'));
  if (first.find('\t') != std::string_view::npos && first.find(',') == std::string_view::npos) {
    csv_set_delim(&parser, '\t');
  }
  Collector c{rows, {}, 1, false};
  // Feeding one physical line at a time tells which line a row starts on.
  std::size_t pos = 0;
  bool ok = true;
  while (pos < bytes.size()) {
    std::size_t end = bytes.find('\n', pos);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    const std::string_view chunk = bytes.substr(pos, end - pos);
    if (csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_row, &c) != chunk.size()) {
      diags.report(DiagCode::CsvMalformed, file, {c.line, 1},
                  trf("malformed CSV: {} (a quote inside an unquoted field, or text after a closing "
                              "quote)",
                              csv_strerror(csv_error(&parser))));
      ok = false;
      break;
    }
    pos = end;
    ++c.line;
  }
  if (ok && csv_fini(&parser, on_field, on_row, &c) != 0) {
    diags.report(DiagCode::CsvMalformed, file, {c.current.line ? c.current.line : c.line - 1, 1},
                "malformed CSV: a quoted field is not closed before the end of the file");
    ok = false;
  }
  csv_free(&parser);
  return ok;
}

bool read_named_rows(std::string_view bytes, const std::string& file, bool (*known)(std::string_view),
                     std::string_view what, std::vector<NamedRow>* out, Diagnostics& diags) {
  std::vector<CsvRow> rows;
  if (!read_csv(bytes, file, &rows, diags)) return false;
  return named_rows(std::move(rows), file, known, what, out, diags);
}

bool named_rows(std::vector<CsvRow> rows, const std::string& file, bool (*known)(std::string_view),
                std::string_view what, std::vector<NamedRow>* out, Diagnostics& diags) {
  if (!rows.empty()) {
    // A sheet's rows run as far as their last cell: trailing empty cells are none.
    auto& header = rows.front().cells;
    while (!header.empty() && header.back().empty()) header.pop_back();
    for (std::size_t r = 1; r < rows.size(); ++r) {
      auto& cells = rows[r].cells;
      while (cells.size() > header.size() && cells.back().empty()) cells.pop_back();
    }
  }
  if (rows.empty()) {
    diags.report(DiagCode::InputEmpty, file, {}, trf("the CSV has no header row and no {}", what));
    return false;
  }
  const CsvRow& header = rows.front();
  bool ok = true;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    if (!known(header.cells[i])) {
      diags.report(DiagCode::InputUnknownColumn, file, {header.line, 1},
                  trf("column {} '{}' is not a field of {} (see docs/formats.md and docs/cli.md; the "
                              "form's labels work too)",
                              i + 1, header.cells[i], what));
      ok = false;
    }
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.cells.size() != header.cells.size()) {
      diags.report(DiagCode::InputRowShape, file, {row.line, 1},
                  trf("row has {} fields but the header has {}", row.cells.size(), header.cells.size()));
      ok = false;
      continue;
    }
    NamedRow named;
    named.at = {row.line, 1};
    for (std::size_t i = 0; i < row.cells.size(); ++i) named.cells.emplace_back(header.cells[i], row.cells[i]);
    out->push_back(std::move(named));
  }
  if (ok && rows.size() == 1) {
    diags.report(DiagCode::InputEmpty, file, {header.line, 1}, trf("the CSV has a header row but no {}", what));
    ok = false;
  }
  return ok;
}

namespace {

bool plain_number(std::string_view s) {
  std::size_t i = s.size() > 1 && s[0] == '-' ? 1 : 0;
  bool digits = false, point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !point && digits) {
      point = true;
    } else {
      return false;
    }
  }
  return digits && s.back() != '.';
}

bool formula_like(std::string_view s) {
  // A lone "-" (the reports' "none") is text to every spreadsheet.
  if (s.empty() || s == "-" || plain_number(s)) return false;
  if (std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) return true;
  // U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠
  for (std::string_view wide : {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"}) {
    if (s.substr(0, wide.size()) == wide) return true;
  }
  return false;
}

}  // namespace

std::string csv_field(std::string_view cell) {
  std::string text = formula_like(cell) ? "'" + std::string(cell) : std::string(cell);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace isms
