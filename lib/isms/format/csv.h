// Reading CSV files (RFC 4180, as Excel and LibreOffice write them) with the
// line each row starts on, through libcsv in strict mode; and writing one
// field safely.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isms/base/diagnostic.h"

namespace isms {

struct CsvRow {
  int line = 0;  // 1-based line the row starts on
  std::vector<std::string> cells;
};

// Parses `bytes` (UTF-8; a leading byte-order mark, as Excel writes, is
// skipped; format/encoding.h converts other encodings first), separated by
// commas, or by tabs when the first line has tabs and no comma (Excel's
// "Unicode text"). Blank lines are skipped. Problems — invalid UTF-8, a malformed
// quoted field — go to `diags` under `file` with their line; returns false
// then.
bool read_csv(std::string_view bytes, const std::string& file, std::vector<CsvRow>* rows, Diagnostics& diags);

// A CSV row whose cells are named by the header row.
struct NamedRow {
  Mark at;  // the row's line, column 1
  std::vector<std::pair<std::string, std::string>> cells;  // (header text, cell)
};

// Reads a CSV with a header row. `known` tells whether a header names a
// field; unknown headers, rows of the wrong width and a file without data
// rows are reported (`what` names the rows, e.g. "objectives"). Returns
// false when anything was reported.
bool read_named_rows(std::string_view bytes, const std::string& file, bool (*known)(std::string_view),
                     std::string_view what, std::vector<NamedRow>* out, Diagnostics& diags);
// The same over rows already read (a sheet of a workbook): the first is the
// header. Empty cells after the header's last heading are left out.
bool named_rows(std::vector<CsvRow> rows, const std::string& file, bool (*known)(std::string_view),
                std::string_view what, std::vector<NamedRow>* out, Diagnostics& diags);

// One field of a CSV row as a spreadsheet must read it: quoted (RFC 4180)
// when it holds a comma, quote or line break, and neutralised when a
// spreadsheet would run it as a formula (OWASP "CSV injection"): a text
// starting with = + - @, a tab or a carriage return (or their full-width
// forms, which Excel's East Asian input turns into them) gets a leading
// apostrophe, which Excel and LibreOffice show as text and do not evaluate.
// A plain number ("-3", "99.5") and a lone "-" are left alone.
std::string csv_field(std::string_view cell);

}  // namespace isms
