// isms-obj validate: every problem in the store, in one run.
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.h"
#include "isms/store.h"
#include "isms/text.h"
#include "isms/validate.h"

namespace cli {

namespace {

struct ValidateOptions {
  std::string format = "text";
  bool summary = false;
};

std::string counts(std::size_t errors, std::size_t warnings) {
  if (errors == 0 && warnings == 0) return "no problems";
  return fmt::format("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

void print_summary(std::ostream& out, const isms::Store& store) {
  if (store.config) {
    const auto& c = *store.config;
    out << c.org_name;
    if (!c.org_name_en.empty()) out << " (" << c.org_name_en << ")";
    out << fmt::format(": {} units, {} people\n", c.units.size(), c.people.size());
  }
  const auto years = isms::summarize(store);
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

  isms::Store store;
  isms::Diagnostics diags;
  if (auto s = isms::load_store(root, &store, diags); !s.is_ok()) return report_status(ctx, s);
  isms::ValidateOptions vopt;
  vopt.today = ctx.today();
  isms::check_store(store, vopt, diags);
  diags.finish();

  std::ostream& out = *ctx.out;
  const std::string shown_root = ctx.display(root, ".");
  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["format"] = "isms-obj.validate/1";
    j["store"] = shown_root;
    j["files"] = store.files_checked;
    j["errors"] = diags.error_count();
    j["warnings"] = diags.warning_count();
    auto& list = j["diagnostics"] = nlohmann::ordered_json::array();
    for (const auto& d : diags.items()) {
      list.push_back({{"severity", isms::severity_name(d.severity)},
                      {"code", d.code},
                      {"file", ctx.display(root, d.file)},
                      {"line", d.mark.line},
                      {"column", d.mark.column},
                      {"message", d.message}});
    }
    out << j.dump(2) << '\n';
  } else if (opt.format == "github") {
    for (const auto& d : diags.items()) out << isms::render_github(d, ctx.display(root, d.file)) << '\n';
  } else {
    for (const auto& d : diags.items()) out << isms::render_text(d, ctx.display(root, d.file)) << '\n';
    if (opt.summary) print_summary(out, store);
    out << fmt::format("checked {} file{} in {}: {}\n", store.files_checked, store.files_checked == 1 ? "" : "s", shown_root,
                       counts(diags.error_count(), diags.warning_count()));
  }
  return diags.has_errors() ? kProblems : kOk;
}

}  // namespace

void register_validate(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand(
      "validate", "Check every record of the store (YAML, schema, references, rules) and report all problems");
  sub->add_option("--format", opt->format, "Output: text, json, or github (workflow annotations)")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();
  sub->add_flag("--summary", opt->summary, "Also print record counts per year (text format)");
  sub->footer("Exit: 0 no errors (warnings allowed), 1 errors found, 2 usage, 3 I/O.");
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
