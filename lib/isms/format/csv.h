// Reading CSV files (RFC 4180, as Excel and LibreOffice write them) with the
// line each row starts on, through libcsv in strict mode.
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
// skipped). Blank lines are skipped. Problems — invalid UTF-8, a malformed
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

}  // namespace isms
