// isms-obj validate: every problem in the store, in one run.
#include <algorithm>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.h"
#include "isms/base/text.h"
#include "isms/format/digest.h"
#include "isms/rules/validate.h"
#include "isms/store/store.h"
#include "isms/views/findings.h"

namespace cli {

namespace {

struct ValidateOptions {
  std::string format = "text";
  bool summary = false;
  bool no_cache = false;
};

std::string counts(std::size_t errors, std::size_t warnings) {
  if (errors == 0 && warnings == 0) return "no problems";
  return fmt::format("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

void print_summary(std::ostream& out, const isms::Findings& f) {
  if (f.has_config) {
    out << f.org_name;
    if (!f.org_name_en.empty()) out << " (" << f.org_name_en << ")";
    out << fmt::format(": {} units, {} people\n", f.units, f.people);
  }
  const auto& years = f.years;
  if (years.empty()) {
    out << "no records yet\n";
    return;
  }
  const char* headers[] = {"year", "tables", "objectives", "approvals", "results", "reviews", "referrals open/closed"};
  std::string line;
  for (const char* h : headers) line += (line.empty() ? "" : "  ") + std::string(h);
  out << line << '\n';
  for (const auto& y : years) {
    out << fmt::format("{:>4}  {:>6}  {:>10}  {:>9}  {:>7}  {:>7}  {:>21}\n", y.year, y.tables, y.objectives,
                       y.approvals, y.results, y.reviews, fmt::format("{}/{}", y.referrals_open, y.referrals_closed));
  }
}

int run(const Context& ctx, const ValidateOptions& opt) {
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);

  isms::Findings found;
  const std::string tool_id = opt.no_cache ? std::string() : ctx.tool_id();
  if (auto s = isms::validate_store(*ctx.env, root, ctx.today(), tool_id, &found); !s.is_ok()) return report_status(ctx, s);
  const isms::Diagnostics& diags = found.diagnostics;
  const std::size_t files_checked = found.files_checked;

  std::ostream& out = *ctx.out;
  const std::string shown_root = ctx.display(root, ".");
  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["format"] = "isms-obj.validate/1";
    j["store"] = shown_root;
    j["files"] = files_checked;
    j["errors"] = diags.error_count();
    j["warnings"] = diags.warning_count();
    auto& list = j["diagnostics"] = nlohmann::ordered_json::array();
    for (const auto& d : diags.items()) {
      list.push_back({{"severity", isms::severity_name(d.severity)},
                      {"code", isms::code_name(d.code)},
                      {"file", ctx.display(root, d.file)},
                      {"line", d.mark.line},
                      {"column", d.mark.column},
                      {"message", d.message}});
    }
    out << j.dump(2) << '\n';
  } else if (opt.format == "codequality") {
    // GitLab's Code Quality report: merge requests show what they add. The
    // fingerprint leaves the line out, so a finding that only moves is not new.
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& d : diags.items()) {
      const std::string file = ctx.display(root, d.file);
      list.push_back({{"description", fmt::format("{} [{}]", d.message, isms::code_name(d.code))},
                      {"check_name", isms::code_name(d.code)},
                      {"fingerprint", isms::sha256_hex(fmt::format("{}\n{}\n{}", file, isms::code_name(d.code), d.message))},
                      {"severity", d.severity == isms::Severity::Error ? "major" : "minor"},
                      {"location", {{"path", file}, {"lines", {{"begin", std::max(1, d.mark.line)}}}}}});
    }
    out << list.dump(2) << '\n';
  } else if (opt.format == "github") {
    for (const auto& d : diags.items()) out << isms::render_github(d, ctx.display(root, d.file)) << '\n';
  } else {
    for (const auto& d : diags.items()) out << isms::render_text(d, ctx.display(root, d.file)) << '\n';
    if (opt.summary) print_summary(out, found);
    out << fmt::format("checked {} file{} in {}: {}\n", files_checked, files_checked == 1 ? "" : "s", shown_root,
                       counts(diags.error_count(), diags.warning_count()));
  }
  return diags.has_errors() ? kProblems : kOk;
}

}  // namespace

void register_validate(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand(
      "validate", "Check every record of the store (YAML, schema, references, rules) and report all problems");
  sub->add_option("--format", opt->format,
                  "Output: text, json, github (workflow annotations) or codequality (GitLab Code Quality report)")
      ->check(CLI::IsMember({"text", "json", "github", "codequality"}))
      ->capture_default_str();
  sub->add_flag("--summary", opt->summary, "Also print record counts per year (text format)");
  sub->add_flag("--no-cache", opt->no_cache,
                "Read and check every file even if nothing changed since the last run (see docs/performance.md)");
  sub->footer("Exit: 0 no errors (warnings allowed), 1 errors found, 2 usage, 3 I/O.");
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
