// isms-obj validate: every problem in the store, in one run.
#include <ostream>


#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/validate.h"
#include "isms/views/findings.h"

namespace cli {

namespace {

struct ValidateOptions {
  std::string format = "text";
  bool summary = false;
  bool no_cache = false;
  std::string base;
};

int run(const Context& ctx, const ValidateOptions& opt) {
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);

  isms::Findings found;
  const std::string tool_id = opt.no_cache ? std::string() : ctx.tool_id();
  if (auto s = isms::validate_store(*ctx.env, root, ctx.today(), tool_id, &found); !s.is_ok()) return report_status(ctx, s);
  if (!opt.base.empty()) {
    if (auto s = isms::check_change_against(*ctx.env, root, ctx.today(), opt.base, &found); !s.is_ok()) {
      return report_status(ctx, s);
    }
  }
  const isms::Diagnostics& diags = found.diagnostics;

  const isms::ValidateFormat format = opt.format == "json"          ? isms::ValidateFormat::Json
                                      : opt.format == "github"      ? isms::ValidateFormat::Github
                                      : opt.format == "codequality" ? isms::ValidateFormat::CodeQuality
                                                                    : isms::ValidateFormat::Text;
  *ctx.out << isms::render_validate(found, format, [&](const std::string& rel) { return ctx.display(root, rel); },
                                    ctx.display(root, "."), opt.summary);
  return diags.has_errors() ? kProblems : kOk;
}

}  // namespace

void register_validate(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand(
      "validate", isms::tr("Check every record of the store (YAML, schema, references, rules) and report all problems"));
  sub->add_option("--format", opt->format,
                  isms::tr("Output: text, json, github (workflow annotations) or codequality (GitLab Code Quality report)"))
      ->check(CLI::IsMember({"text", "json", "github", "codequality"}))
      ->capture_default_str();
  sub->add_flag("--summary", opt->summary, isms::tr("Also print record counts per year (text format)"));
  sub->add_flag("--no-cache", opt->no_cache,
                isms::tr("Read and check every file even if nothing changed since the last run (see docs/performance.md)"));
  sub->add_option("--base", opt->base,
                  isms::tr("Also judge the change against REF (the pull request's target branch, e.g. origin/main): records "
                  "edited in place, deleted under retention, approved tables edited without a new revision, unsigned "
                  "acts and their commits' authors (docs/trust.md)"))
      ->option_text("REF");
  sub->footer(isms::tr("Exit: 0 no errors (warnings allowed), 1 errors found, 2 usage, 3 I/O."));
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
