// Diagnostics are values: every loader and checker appends to a Diagnostics
// list and keeps going, so one run reports every problem. Nothing here prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace isms {

enum class Severity : std::uint8_t { Error, Warning };

// A position in a file: 1-based line and column; column counts Unicode code
// points (not bytes). line == 0 means "the file as a whole".
struct Mark {
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;     // stable identifier, listed in docs/diagnostics.md
  std::string file;     // store-relative path with '/' separators
  Mark mark;
  std::string message;  // one line, no trailing period
};

// Total order used for output: file, line, column, severity, code, message.
bool operator<(const Diagnostic& a, const Diagnostic& b);
bool operator==(const Diagnostic& a, const Diagnostic& b);

class Diagnostics {
 public:
  void error(std::string code, std::string file, Mark mark, std::string message);
  void warning(std::string code, std::string file, Mark mark, std::string message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  // Sorts and drops exact duplicates; call once before rendering.
  void finish();

  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

std::string_view severity_name(Severity s);

// "path:line:col: error: message [code]"; "path: error: …" when line == 0.
// `path` is the display path chosen by the caller (e.g. relative to the
// current directory).
std::string render_text(const Diagnostic& d, std::string_view path);

// GitHub Actions workflow command: "::error file=…,line=…,col=…,title=code::message".
std::string render_github(const Diagnostic& d, std::string_view path);

}  // namespace isms
