// Diagnostics are values: every loader and checker appends to a Diagnostics
// list and keeps going, so one run reports every problem. Nothing here prints.
#pragma once

#include <cstdint>
#include <optional>
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

// Every code, from the registry codes.def.
enum class DiagCode : std::uint16_t {
#define ISMS_DIAGNOSTIC(id, name, severity, section) id,
#include "isms/base/codes.def"
#undef ISMS_DIAGNOSTIC
};

// The code's stable name (yaml.syntax), its severity, and the key of its
// docs/diagnostics.md section.
std::string_view code_name(DiagCode code);
Severity code_severity(DiagCode code);
std::string_view code_section(DiagCode code);
// The code with this name, if any (for reading diagnostics back from a cache).
std::optional<DiagCode> code_by_name(std::string_view name);
// Every code in registry order.
const std::vector<DiagCode>& all_codes();

struct Diagnostic {
  Severity severity = Severity::Error;
  DiagCode code = DiagCode::YamlSyntax;
  std::string file;     // store-relative path with '/' separators
  Mark mark;
  std::string message;  // one line, no trailing period
};

// Total order used for output: file, line, column, severity, code name, message.
bool operator<(const Diagnostic& a, const Diagnostic& b);
bool operator==(const Diagnostic& a, const Diagnostic& b);

class Diagnostics {
 public:
  // A diagnostic with its code's severity.
  void report(DiagCode code, std::string file, Mark mark, std::string message);
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

}  // namespace isms
