#include "isms/diagnostic.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "isms/text.h"

namespace isms {

namespace {
auto key(const Diagnostic& d) {
  return std::tie(d.file, d.mark.line, d.mark.column, d.severity, d.code, d.message);
}

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

bool operator<(const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); }
bool operator==(const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }

void Diagnostics::error(std::string code, std::string file, Mark mark, std::string message) {
  items_.push_back({Severity::Error, std::move(code), std::move(file), mark, std::move(message)});
}

void Diagnostics::warning(std::string code, std::string file, Mark mark, std::string message) {
  items_.push_back({Severity::Warning, std::move(code), std::move(file), mark, std::move(message)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::finish() {
  std::sort(items_.begin(), items_.end());
  items_.erase(std::unique(items_.begin(), items_.end()), items_.end());
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::string_view severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

std::string render_text(const Diagnostic& d, std::string_view path) {
  if (d.mark.line <= 0) {
    return fmt::format("{}: {}: {} [{}]", escape_invisible(path), severity_name(d.severity), escape_invisible(d.message), d.code);
  }
  return fmt::format("{}:{}:{}: {}: {} [{}]", escape_invisible(path), d.mark.line, d.mark.column,
                     severity_name(d.severity), escape_invisible(d.message), d.code);
}

std::string render_github(const Diagnostic& d, std::string_view path) {
  std::string out = fmt::format("::{} file={}", severity_name(d.severity), escape_github(escape_invisible(path), true));
  if (d.mark.line > 0) {
    out += fmt::format(",line={},col={}", d.mark.line, d.mark.column);
  }
  out += fmt::format(",title={}::{}", escape_github(d.code, true), escape_github(escape_invisible(d.message), false));
  return out;
}

}  // namespace isms
