#include "isms/render/diagnostics.h"

#include <fmt/format.h>

#include "isms/base/text.h"

namespace isms {

namespace {

// Workflow-command property and message escaping as GitHub documents it.
std::string escape_github(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string render_text(const Diagnostic& d, std::string_view path, bool color) {
  const std::string where = d.mark.line <= 0 ? escape_invisible(path)
                                             : fmt::format("{}:{}:{}", escape_invisible(path), d.mark.line, d.mark.column);
  const std::string_view severity = severity_name(d.severity);
  if (!color) return fmt::format("{}: {}: {} [{}]", where, severity, escape_invisible(d.message), code_name(d.code));
  return fmt::format("\x1b[1m{}:{} {}{}:{} {} [{}]", where, kTintEnd, severity_tint(d.severity), severity, kTintEnd,
                     escape_invisible(d.message), code_name(d.code));
}

std::string_view severity_tint(Severity severity) {
  return severity == Severity::Error ? "\x1b[1;31m" : "\x1b[1;35m";
}

std::string render_github(const Diagnostic& d, std::string_view path) {
  std::string out = fmt::format("::{} file={}", severity_name(d.severity), escape_github(escape_invisible(path), true));
  if (d.mark.line > 0) {
    out += fmt::format(",line={},col={}", d.mark.line, d.mark.column);
  }
  out += fmt::format(",title={}::{}", escape_github(code_name(d.code), true), escape_github(escape_invisible(d.message), false));
  return out;
}

}  // namespace isms
