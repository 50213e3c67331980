// Diagnostics as people and CI hosts read them. Every message and path is
// one line: control characters, line separators and bidirectional controls
// from record content are shown escaped (base/text.h escape_invisible).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "isms/base/diagnostic.h"

namespace isms {

// How a store-relative path is shown (the command line shows it relative to
// the current directory).
using ShowPath = std::function<std::string(const std::string& rel)>;

// "path:line:col: error: message [code]"; "path: error: …" when line == 0.
// `path` is the display path chosen by the caller (e.g. relative to the
// current directory). With `color`, the location is bold and the severity
// bold red (error) or magenta (warning), in ANSI escapes, as compilers show
// them on a terminal; the text is otherwise the same.
std::string render_text(const Diagnostic& d, std::string_view path, bool color = false);

// The ANSI escape a terminal shows a severity's word in (bold red for an
// error, bold magenta for a warning), and the one that ends it: one colour
// for every "error:" the tool prints.
std::string_view severity_tint(Severity severity);
inline constexpr std::string_view kTintEnd = "\x1b[0m";

// GitHub Actions workflow command: "::error file=…,line=…,col=…,title=code::message".
std::string render_github(const Diagnostic& d, std::string_view path);

}  // namespace isms
