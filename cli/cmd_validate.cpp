// isms-obj validate: every problem in the store, in one run.
#include <ostream>

#include <fmt/format.h>


#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/validate.h"
#include "isms/views/findings.h"

namespace cli {

namespace {

// GitHub Actions refuses a step summary larger than 1 MiB.
constexpr std::size_t kStepSummaryLimit = 1024 * 1024 - 1;

struct ValidateOptions {
  std::string format = "text";
  bool summary = false;
  bool no_cache = false;
  bool whole_store = false;
  std::string base;
  std::string step_summary;
};

int run(const Context& ctx, const ValidateOptions& opt) {
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);

  isms::Findings found;
  const std::string tool_id = opt.no_cache ? std::string() : ctx.cache_id();
  const isms::Status checked =
      opt.base.empty() ? isms::validate_store(*ctx.env, root, ctx.today(), tool_id, &found)
                       : isms::validate_change(*ctx.env, root, ctx.today(), tool_id, opt.base, opt.whole_store, &found);
  if (!checked.is_ok()) return report_status(ctx, checked);
  const isms::Diagnostics& diags = found.diagnostics;

  isms::ValidateView view;
  view.format = opt.format == "json"          ? isms::ValidateFormat::Json
                : opt.format == "github"      ? isms::ValidateFormat::Github
                : opt.format == "codequality" ? isms::ValidateFormat::CodeQuality
                : opt.format == "sarif"       ? isms::ValidateFormat::Sarif
                                              : isms::ValidateFormat::Text;
  view.show = [&](const std::string& rel) { return ctx.display(root, rel); };
  view.shown_root = ctx.display(root, ".");
  view.summary = opt.summary;
  view.quiet = ctx.global.quiet;
  view.color = ctx.color_out;
  view.tool_version = ISMS_VERSION;
  *ctx.out << isms::render_validate(found, view);

  // The job page's summary: --step-summary, else $GITHUB_STEP_SUMMARY with
  // the github format. Added to what the step wrote there before.
  const std::string summary_file =
      !opt.step_summary.empty() ? opt.step_summary : opt.format == "github" ? ctx.step_summary : std::string();
  if (!summary_file.empty()) {
    const std::filesystem::path path = ctx.path_arg(summary_file);
    std::string before;
    bool truncated = false;
    if (ctx.env->is_regular_file(path)) {
      if (auto s = ctx.env->read_file(path, kStepSummaryLimit, &before, &truncated); !s.is_ok()) return report_status(ctx, s);
    }
    const std::size_t room = before.size() < kStepSummaryLimit ? kStepSummaryLimit - before.size() : 0;
    if (!truncated && room > 1024) {
      if (!before.empty() && before.back() != '\n') before += '\n';
      if (auto s = ctx.env->write_file(path, before + isms::render_step_summary(found, view, room), false); !s.is_ok()) {
        return report_status(ctx, s);
      }
    } else {
      note(ctx, isms::trf("{} is full (GitHub takes 1 MiB per step); the summary was not added", summary_file));
    }
  }
  return diags.has_errors() ? kProblems : kOk;
}

}  // namespace

void register_validate(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand(
      "validate", isms::tr("Check every record of the store (YAML, schema, references, rules) and report all problems"));
  sub->add_option("--format", opt->format,
                  isms::tr("Output: text, json, github (workflow annotations: errors first, those on lines the change "
                           "touched first, as many as GitHub shows, the rest listed), codequality (GitLab Code Quality "
                           "report) or sarif (SARIF 2.1.0, for GitHub code scanning)"))
      ->check(CLI::IsMember({"text", "json", "github", "codequality", "sarif"}))
      ->capture_default_str();
  sub->add_option("--step-summary", opt->step_summary,
                  isms::tr("Add a Markdown summary of the findings to FILE (default with --format github: "
                           "$GITHUB_STEP_SUMMARY, when set)"))
      ->type_name("FILE");
  sub->add_flag("--summary", opt->summary, isms::tr("Also print record counts per year (text format)"));
  sub->add_flag("--no-cache", opt->no_cache,
                isms::tr("Read and check every file even if nothing changed since the last run (see docs/performance.md)"));
  sub->add_option("--base", opt->base,
                  isms::tr("Also judge the change against REF (the pull request's target branch, e.g. origin/main): records "
                  "edited in place, deleted under retention, approved tables edited without a new revision, unsigned "
                  "acts and their commits' authors (docs/trust.md); only the records of the units and years the change "
                  "touches are checked, unless it touches the configuration"))
      ->option_text("REF");
  sub->add_flag("--whole-store", opt->whole_store,
                isms::tr("With --base: check every record of the store, not only those of the units and years the "
                         "change touches"));
  sub->footer(isms::tr("Exit: 0 no errors (warnings allowed), 1 errors found, 2 usage, 3 I/O."));
  document(sub, {
      "Loads every record of the store and reports every problem in one run, sorted by file, line and "
      "column: strict YAML, the JSON Schemas, references between records, the approval in force, "
      "deadlines, signatures and the procedure's rules (the list is in "
      "/usr/share/doc/isms-obj/diagnostics.md). It writes nothing but its cache, "
      "`.isms-obj/cache/validate`, which lets a later run on an unchanged store answer at once.\n\nWith "
      "`--base` REF (a pull request's target branch) it also judges the change against the merge "
      "base of REF and HEAD: records edited in place or deleted under retention, approved tables "
      "edited without a new revision, unsigned acts and who committed them. It then checks only the "
      "records of the units and years the change touches (each gets exactly the findings a whole "
      "check gives it: every rule reads only its own unit-year and the configuration), so a pull "
      "request that records one unit's results is checked in well under a second on a store of "
      "thousands of units; a change to the configuration, to `.isms-obj/` or a YAML file outside "
      "the layout checks the whole store, and so does `--whole-store`.\n\nFor pull requests, "
      "`--format github` ranks the findings (errors first, and with `--base` those on lines the "
      "change touched first), annotates as many as GitHub shows for a step (10 errors, 10 warnings), "
      "lists the rest after one notice and adds a Markdown summary to `$GITHUB_STEP_SUMMARY`. "
      "`--format sarif` writes SARIF 2.1.0 for GitHub code scanning, `--format codequality` "
      "GitLab's Code Quality report.",
      {{"Check the store in the current directory, with record counts per year.",
        "isms-obj validate --summary"},
       {"In a GitHub workflow: annotations for the pull request, judged against its target branch.",
        "isms-obj validate --format github --base origin/main"},
       {"For GitHub code scanning.",
        "isms-obj validate --format sarif > isms-obj.sarif"},
       {"For a script: the findings as JSON, errors only.",
        "isms-obj --quiet validate --format json"}},
      {{0, "No errors (warnings allowed)."}, {1, "Errors found."}, {2, "Usage error, or `--base` names no commit here."}, {3, "The store could not be read."}},
      {"status", "retention-check"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
