#include "isms/diagnostic.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

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
// `s` with every character that could break a diagnostic's one line or
// disguise its text shown as an escape: C0 and C1 controls and DEL (\n, \r,
// \t, \xHH), the Unicode line and paragraph separators and the bidirectional
// embedding, override and isolate controls (\uHHHH); bytes that are not
// UTF-8 as \xHH. Messages quote record content and paths come from the file
// system, so a record cannot forge extra lines in a terminal or a CI log.
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 || b == 0x7f) {
      switch (b) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += fmt::format("\\x{:02x}", b);
      }
      ++i;
      continue;
    }
    if (b < 0x80) {
      out += s[i++];
      continue;
    }
    // Decode one UTF-8 sequence; anything malformed is shown byte by byte.
    const std::size_t len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    char32_t cp = len == 4 ? b & 0x07u : len == 3 ? b & 0x0fu : b & 0x1fu;
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      ok = (c & 0xc0) == 0x80;
      cp = (cp << 6) | (c & 0x3fu);
    }
    if (!ok) {
      out += fmt::format("\\x{:02x}", b);
      ++i;
      continue;
    }
    const bool hidden = (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
                        (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    if (hidden) {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(cp));
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
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
    return fmt::format("{}: {}: {} [{}]", printable(path), severity_name(d.severity), printable(d.message), d.code);
  }
  return fmt::format("{}:{}:{}: {}: {} [{}]", printable(path), d.mark.line, d.mark.column,
                     severity_name(d.severity), printable(d.message), d.code);
}

std::string render_github(const Diagnostic& d, std::string_view path) {
  std::string out = fmt::format("::{} file={}", severity_name(d.severity), escape_github(printable(path), true));
  if (d.mark.line > 0) {
    out += fmt::format(",line={},col={}", d.mark.line, d.mark.column);
  }
  out += fmt::format(",title={}::{}", escape_github(d.code, true), escape_github(printable(d.message), false));
  return out;
}

}  // namespace isms
