// Spreadsheets (.xlsx) of report tables, for offices that exchange the forms
// as Excel files. Written with libxlsxwriter.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "isms/base/date.h"
#include "isms/base/status.h"
#include "isms/render/report.h"
#include "isms/sys/env.h"

namespace isms {

// Lines a cell's text takes at `chars` columns (CJK characters count 2),
// wrapped as spreadsheets wrap: after a CJK character or a space; a longer
// run of Latin text (a key fingerprint, a URL) moves whole to the next line
// and is cut only when it fills a line by itself. What row heights are made
// of: LibreOffice does not grow rows for wrapped text.
int wrapped_lines(const std::string& text, int chars);

// The workbook's bytes: one worksheet per sheet, its title in the first row,
// its header row (bold, shaded, repeated on every printed page, frozen, with
// a filter) and its rows below. A cell that is a decimal number in the
// record range (base/decimal.h) is written as a number, "87.5%" as the
// number 0.875 shown as a percentage and "≥ 95%" as 95 shown with its sign;
// anything else is text (a text beyond the 32,767 characters of a cell is
// cut and says so). Pages are A4 landscape, one page wide.
//
// libxlsxwriter (1.1.4 in Debian bookworm) writes only to a named file, so
// the workbook goes through Env::write_through_scratch: a file in a private
// directory made for it, read back and removed; nothing is written next to
// the output, where a link or another file of the same name could be.
// `created` is the workbook's creation date, so that the same sheets give
// the same bytes.
Status render_xlsx(Env& env, const std::vector<ReportSheet>& sheets, const std::string& title, const Date& created,
                   std::string* bytes);

}  // namespace isms
