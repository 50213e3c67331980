#include "isms/base/diagnostic.h"

#include <algorithm>
#include <tuple>

#include "isms/base/i18n.h"

namespace isms {

namespace {

struct CodeInfo {
  std::string_view name;
  Severity severity;
  std::string_view section;
};
constexpr CodeInfo kCodes[] = {
#define ISMS_DIAGNOSTIC(id, name, severity, section) {name, Severity::severity, #section},
#include "isms/base/codes.def"
#undef ISMS_DIAGNOSTIC
};
const CodeInfo& info(DiagCode code) { return kCodes[static_cast<std::size_t>(code)]; }

auto key(const Diagnostic& d) {
  return std::make_tuple(std::string_view(d.file), d.mark.line, d.mark.column, d.severity, code_name(d.code),
                         std::string_view(d.message));
}

}  // namespace

std::string_view code_name(DiagCode code) { return info(code).name; }
Severity code_severity(DiagCode code) { return info(code).severity; }
std::string_view code_section(DiagCode code) { return info(code).section; }

std::optional<DiagCode> code_by_name(std::string_view name) {
  for (DiagCode c : all_codes()) {
    if (code_name(c) == name) return c;
  }
  return std::nullopt;
}

const std::vector<DiagCode>& all_codes() {
  static const std::vector<DiagCode> codes = [] {
    std::vector<DiagCode> out;
    for (std::size_t i = 0; i < std::size(kCodes); ++i) out.push_back(static_cast<DiagCode>(i));
    return out;
  }();
  return codes;
}

bool operator<(const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); }
bool operator==(const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }

void Diagnostics::report(DiagCode code, std::string file, Mark mark, std::string message) {
  // A literal message is translated here; a formatted one was by trf.
  items_.push_back({code_severity(code), code, std::move(file), mark, tr(message)});
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

}  // namespace isms
