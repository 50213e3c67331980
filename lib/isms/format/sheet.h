// Reading xlsx workbooks (Office Open XML spreadsheets, ECMA-376): each
// sheet's cells as text, as the sheet shows them. An xlsx is a zip (read
// with libzip) of XML parts (read with expat): the workbook's sheet list,
// the shared strings, the styles' number formats and one part per sheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/format/csv.h"

namespace isms {

struct Sheet {
  std::string name;
  // Rows with a cell, in order; CsvRow::line is the sheet's row number, and
  // cells run from column A (empty strings where the sheet has none).
  std::vector<CsvRow> rows;
};

// Every sheet of the workbook in `bytes`, in the workbook's order. Cells
// read as text: strings as written; numbers in their shortest exact form
// (99.9, never 99.900000000000006); a number under a date format as its
// date (2027-01-05, in the workbook's 1900 or 1904 date system); under a
// percent format as the percentage with its sign (0.999 → 99.9%); booleans
// as TRUE / FALSE. A file that is not an xlsx, or a part that does not
// read, is reported under `file`; false then. Parts are bounded in size
// (a zip bomb stops at the bound).
bool read_xlsx(std::string_view bytes, const std::string& file, std::vector<Sheet>* sheets, Diagnostics& diags);

// The rows of the table a sheet of `bytes` holds, from its header row on:
// in the sheet named `sheet` when given, else in the sheet with the row
// (among its first ten: a title may stand above the table) naming the most
// headings `known` knows, at least two. Rows shorter than the header are
// padded with empty cells, as a sheet leaves them. False (reported) when
// no sheet has such a row.
bool table_of_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                   bool (*known)(std::string_view), std::vector<CsvRow>* rows, Diagnostics& diags);

}  // namespace isms
