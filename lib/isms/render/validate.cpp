#include "isms/render/validate.h"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"
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

// Markdown text of a message: HTML and Markdown punctuation escaped, so
// that a record's text cannot make a table cell into a link or markup.
std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : escape_invisible(s)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '~':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

// A relative path as a URI reference: every byte but unreserved characters
// and '/' percent-encoded (RFC 3986), so that any file name is a valid
// SARIF artifact location.
std::string uri_reference(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string fingerprint(const std::string& file, const Diagnostic& d) {
  return sha256_hex(fmt::format("{}\n{}\n{}", file, code_name(d.code), d.message));
}

std::string sarif(const Findings& f, const ValidateView& view) {
  // One rule per code that occurs, in code order; results refer to them by index.
  std::map<std::string_view, std::pair<std::size_t, const Diagnostic*>> rules;
  for (const auto& d : f.diagnostics.items()) rules.emplace(code_name(d.code), std::pair{0, &d});
  Json rule_list = Json::array();
  for (auto& [name, rule] : rules) {
    rule.first = rule_list.size();
    const Diagnostic& d = *rule.second;
    rule_list.push_back(
        {{"id", name},
         {"shortDescription", {{"text", std::string(name)}}},
         {"help", {{"text", fmt::format("docs/diagnostics.md, section '{}' (installed: "
                                         "/usr/share/doc/isms-obj/diagnostics.md)",
                                         code_section(d.code))}}},
         {"defaultConfiguration", {{"level", d.severity == Severity::Error ? "error" : "warning"}}}});
  }
  Json results = Json::array();
  for (const auto& d : f.diagnostics.items()) {
    const std::string file = view.show(d.file);
    Json region = {{"startLine", std::max(1, d.mark.line)}};
    if (d.mark.line > 0 && d.mark.column > 0) region["startColumn"] = d.mark.column;
    Json result = {
        {"ruleId", code_name(d.code)},
        {"ruleIndex", rules.at(code_name(d.code)).first},
        {"level", d.severity == Severity::Error ? "error" : "warning"},
        {"message", {{"text", escape_invisible(d.message)}}},
        {"locations",
         Json::array({{{"physicalLocation",
                        {{"artifactLocation", {{"uri", uri_reference(file)}, {"uriBaseId", "%SRCROOT%"}}},
                         {"region", region}}}}})},
        {"partialFingerprints", {{"isms-obj/v1", fingerprint(file, d)}}}};
    if (f.change) result["properties"] = {{"onChangedLine", f.change->touches(d)}};
    results.push_back(std::move(result));
  }
  Json run = {{"tool",
               {{"driver",
                 {{"name", "isms-obj"},
                  {"version", view.tool_version.empty() ? std::string("unknown") : view.tool_version},
                  {"rules", std::move(rule_list)}}}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(run)})}};
  return log.dump(2) + "\n";
}

std::string github(const Findings& f, const ValidateView& view) {
  std::string out, rest;
  std::size_t shown_errors = 0, shown_warnings = 0, hidden_errors = 0, hidden_warnings = 0;
  for (const Diagnostic* d : ranked(f)) {
    const bool error = d->severity == Severity::Error;
    if (!error && view.quiet) continue;
    std::size_t& shown = error ? shown_errors : shown_warnings;
    if (shown < view.annotations_per_severity) {
      ++shown;
      out += render_github(*d, view.show(d->file)) + "\n";
    } else {
      ++(error ? hidden_errors : hidden_warnings);
      rest += render_text(*d, view.show(d->file)) + "\n";
    }
  }
  if (!rest.empty()) {
    out += "::notice title=isms-obj::" +
           trf("{} more error{} and {} more warning{} are not annotated (GitHub shows {} of each per step); they "
               "follow here and are in the step summary",
               hidden_errors, hidden_errors == 1 ? "" : "s", hidden_warnings, hidden_warnings == 1 ? "" : "s",
               view.annotations_per_severity) +
           "\n" + rest;
  }
  return out;
}

}  // namespace

std::vector<const Diagnostic*> ranked(const Findings& f) {
  // Each finding is ranked once (whether it is on a changed line looks
  // through the change's hunks), then the ranks are sorted.
  std::vector<std::pair<unsigned, const Diagnostic*>> by_rank;
  by_rank.reserve(f.diagnostics.items().size());
  for (const auto& d : f.diagnostics.items()) {
    by_rank.emplace_back((d.severity == Severity::Error ? 0U : 2U) + (f.change && f.change->touches(d) ? 0U : 1U), &d);
  }
  std::stable_sort(by_rank.begin(), by_rank.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Diagnostic*> order;
  order.reserve(by_rank.size());
  for (const auto& [rank, d] : by_rank) order.push_back(d);
  return order;
}

namespace {

// "lio, academic in 2026": what a scoped check read.
std::string scope_text(const LoadScope& scope) {
  if (scope.config_only) return tr("the configuration alone");
  return trf("{} in {}", fmt::join(scope.units, ", "), fmt::join(scope.years, ", "));
}

}  // namespace

std::string render_step_summary(const Findings& f, const ValidateView& view, std::size_t max_bytes) {
  const Diagnostics& diags = f.diagnostics;
  std::string out = fmt::format("### isms-obj validate: {}\n\n", counts(diags.error_count(), diags.warning_count()));
  // The store as a code span ("in `.`", not "in .."); a backtick cannot close it early.
  std::string root = escape_invisible(view.shown_root);
  std::replace(root.begin(), root.end(), '`', '\'');
  if (f.scope) {
    out += trf("Checked {} file{} in {}: the records of {}, which this change touches.", f.files_checked,
               f.files_checked == 1 ? "" : "s", "`" + root + "`", md_escape(scope_text(*f.scope)));
  } else {
    out += trf("Checked {} file{} in {}.", f.files_checked, f.files_checked == 1 ? "" : "s", "`" + root + "`");
  }
  if (f.change) {
    std::size_t touched = 0;
    for (const auto& d : diags.items()) touched += f.change->touches(d) ? 1U : 0U;
    out += trf(" {} of the findings are on lines this change added or altered (marked ✎), listed first.", touched);
  }
  out += "\n\n";
  if (diags.empty()) return out;
  const std::string head = tr("| | Where | Problem | Code |\n|---|---|---|---|\n");
  out += head;
  const std::vector<const Diagnostic*> order = ranked(f);
  std::size_t written = 0;
  for (const Diagnostic* d : order) {
    std::string where = md_escape(view.show(d->file));
    if (d->mark.line > 0) where += fmt::format(":{}:{}", d->mark.line, d->mark.column);
    const std::string row = fmt::format("| {}{} | {} | {} | {} |\n", severity_name(d->severity),
                                        f.change && f.change->touches(*d) ? " ✎" : "", where, md_escape(d->message),
                                        code_name(d->code));
    // Room for the closing line.
    if (out.size() + row.size() + 200 > max_bytes) break;
    out += row;
    ++written;
  }
  if (written < order.size()) {
    out += "\n" + trf("…and {} more, left out to keep this summary within its size limit; the job's log lists every "
                       "finding.",
                       order.size() - written) +
           "\n";
  }
  return out;
}

std::string render_validate(const Findings& f, const ValidateView& view) {
  const Diagnostics& diags = f.diagnostics;
  const std::size_t files_checked = f.files_checked;
  const ShowPath& show = view.show;
  const std::string& shown_root = view.shown_root;
  const ValidateFormat format = view.format;
  std::string out;
  if (format == ValidateFormat::Sarif) return sarif(f, view);
  if (format == ValidateFormat::Github) return github(f, view);
  if (format == ValidateFormat::Json) {
    Json j;
    j["format"] = "isms-obj.validate/1";
    j["store"] = shown_root;
    j["files"] = files_checked;
    if (f.scope) {
      j["scope"] = {{"years", f.scope->years}, {"units", f.scope->units}};
    }
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
                      {"fingerprint", fingerprint(file, d)},
                      {"severity", d.severity == Severity::Error ? "major" : "minor"},
                      {"location", {{"path", file}, {"lines", {{"begin", std::max(1, d.mark.line)}}}}}});
    }
    out += list.dump(2) + "\n";
  } else {
    for (const auto& d : diags.items()) {
      if (view.quiet && d.severity != Severity::Error) continue;
      out += render_text(d, show(d.file), view.color) + "\n";
    }
    if (view.quiet) return out;
    if (view.summary) out += summary_text(f);
    if (f.scope) {
      out += trf("checked {} file{} in {} (the records of {}, which the change touches): {}\n", files_checked,
                 files_checked == 1 ? "" : "s", shown_root, scope_text(*f.scope),
                 counts(diags.error_count(), diags.warning_count()));
    } else {
      out += trf("checked {} file{} in {}: {}\n", files_checked, files_checked == 1 ? "" : "s", shown_root,
                 counts(diags.error_count(), diags.warning_count()));
    }
  }
  return out;
}

}  // namespace isms
