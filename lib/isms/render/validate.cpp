#include "isms/render/validate.h"

#include <algorithm>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"
#include "isms/render/diagnostics.h"
#include "isms/render/json.h"

namespace isms {

namespace {

std::string counts(std::size_t errors, std::size_t warnings) {
  if (errors == 0 && warnings == 0) return tr("no problems");
  return trf("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

std::string summary_text(const Findings& f) {
  std::string out;
  if (f.has_config) {
    out += f.org_name;
    if (!f.org_name_en.empty()) out += " (" + f.org_name_en + ")";
    out += trf(": {} units, {} people\n", f.units, f.people);
  }
  const auto& years = f.years;
  if (years.empty()) {
    return out + tr("no records yet\n");
  }
  const char* headers[] = {"year", "tables", "objectives", "approvals", "results", "reviews", "referrals open/closed"};
  std::string line;
  for (const char* h : headers) line += (line.empty() ? "" : "  ") + std::string(h);
  out += line + "\n";
  for (const auto& y : years) {
    out += fmt::format("{:>4}  {:>6}  {:>10}  {:>9}  {:>7}  {:>7}  {:>21}\n", y.year, y.tables, y.objectives,
                       y.approvals, y.results, y.reviews, fmt::format("{}/{}", y.referrals_open, y.referrals_closed));
  }
  return out;
}

}  // namespace

std::string render_validate(const Findings& f, ValidateFormat format, const ShowPath& show,
                            const std::string& shown_root, bool summary) {
  const Diagnostics& diags = f.diagnostics;
  const std::size_t files_checked = f.files_checked;
  std::string out;
  if (format == ValidateFormat::Json) {
    Json j;
    j["format"] = "isms-obj.validate/1";
    j["store"] = shown_root;
    j["files"] = files_checked;
    j["errors"] = diags.error_count();
    j["warnings"] = diags.warning_count();
    auto& list = j["diagnostics"] = Json::array();
    for (const auto& d : diags.items()) {
      list.push_back({{"severity", severity_name(d.severity)},
                      {"code", code_name(d.code)},
                      {"file", show(d.file)},
                      {"line", d.mark.line},
                      {"column", d.mark.column},
                      {"message", d.message}});
    }
    out += j.dump(2) + "\n";
  } else if (format == ValidateFormat::CodeQuality) {
    // GitLab's Code Quality report: merge requests show what they add. The
    // fingerprint leaves the line out, so a finding that only moves is not new.
    Json list = Json::array();
    for (const auto& d : diags.items()) {
      const std::string file = show(d.file);
      list.push_back({{"description", fmt::format("{} [{}]", d.message, code_name(d.code))},
                      {"check_name", code_name(d.code)},
                      {"fingerprint", sha256_hex(fmt::format("{}\n{}\n{}", file, code_name(d.code), d.message))},
                      {"severity", d.severity == Severity::Error ? "major" : "minor"},
                      {"location", {{"path", file}, {"lines", {{"begin", std::max(1, d.mark.line)}}}}}});
    }
    out += list.dump(2) + "\n";
  } else if (format == ValidateFormat::Github) {
    for (const auto& d : diags.items()) out += render_github(d, show(d.file)) + "\n";
  } else {
    for (const auto& d : diags.items()) out += render_text(d, show(d.file)) + "\n";
    if (summary) out += summary_text(f);
    out += trf("checked {} file{} in {}: {}\n", files_checked, files_checked == 1 ? "" : "s", shown_root,
                       counts(diags.error_count(), diags.warning_count()));
  }
  return out;
}

}  // namespace isms
