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
// a filter) and its rows below. A cell that is a plain decimal number
// (digits, an optional fraction, no leading zeros) is written as a number,
// and "87.5%" as the number 0.875 shown as a percentage; anything else is
// text. Pages are A4 landscape, one page wide.
//
// libxlsxwriter (1.1.4 in Debian bookworm) writes only to a named file, so
// this is the one place where a library writes to the file system itself:
// the workbook goes to `scratch` (created, then read back and removed
// through `env`; the caller picks a path next to the final output so that
// temporary files stay there too). `created` is the workbook's creation
// date, so that the same sheets give the same bytes.
Status render_xlsx(Env& env, const std::vector<ReportSheet>& sheets, const std::string& title, const Date& created,
                   const std::filesystem::path& scratch, std::string* bytes);

}  // namespace isms
