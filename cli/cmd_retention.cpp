// isms-obj retention-check: records kept, deleted, changed, and by whom (§5.7).
#include <ostream>

#include "context.h"
#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/render/retention.h"
#include "isms/render/validate.h"
#include "isms/views/retention.h"

namespace cli {

namespace {

struct RetentionCommand {
  std::string format = "text";
  Presentation shown;
};

int run(const Context& ctx, const RetentionCommand& opt) {
  std::filesystem::path root;
  isms::Store& store = store_until_exit();
  if (int rc = load_for_reading(ctx, &root, &store); rc != kOk) return rc;
  std::vector<isms::Commit> commits;
  std::optional<std::vector<isms::Commit>> history;
  if (ctx.env->git_history(root, &commits).is_ok()) history = std::move(commits);
  const isms::Date today = ctx.today();
  const auto r = isms::retention_check(store, history, today);
  if (!r.history_checked) note(ctx, r.history_notice);

  const isms::ShowPath show = [&](const std::string& rel) { return ctx.display(root, rel); };
  if (opt.format == "github" || opt.format == "codequality") {
    // The findings as validate's CI formats show them: one annotation each,
    // the commit named in the message.
    isms::Findings found;
    for (const auto& f : r.findings) {
      isms::Diagnostic d = f.diagnostic;
      if (!f.commit.empty()) {
        d.message += fmt::format(" (commit {} by {}{})", f.commit.substr(0, 12), f.author,
                                 f.date ? " on " + f.date->iso() : "");
      }
      found.diagnostics.add(std::move(d));
    }
    found.diagnostics.finish();
    isms::ValidateView view;
    view.format = opt.format == "github" ? isms::ValidateFormat::Github : isms::ValidateFormat::CodeQuality;
    view.show = show;
    view.shown_root = ctx.display(root, ".");
    view.quiet = ctx.global.quiet;
    *ctx.out << isms::render_validate(found, view);
  } else {
    *ctx.out << (opt.format == "json" ? isms::retention_json(r)
                                      : isms::retention_text(r, show, opt.shown.language(*store.config),
                                                             opt.shown.calendar_of(*store.config)));
  }
  return r.findings.empty() ? kOk : kProblems;
}

}  // namespace

void register_retention(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<RetentionCommand>();
  CLI::App* sub = app.add_subcommand(
      "retention-check", isms::tr("Records kept, missing, deleted or changed in git history, and who committed them (§5.7)"));
  sub->add_option("--format", opt->format,
                  isms::tr("text, json, github (workflow annotations) or codequality (GitLab Code Quality report)"))
      ->check(CLI::IsMember({"text", "json", "github", "codequality"}))
      ->capture_default_str();
  add_presentation(sub, &opt->shown);
  sub->footer(isms::tr("Exit 0 clean, 1 violations. Outside a git repository the history checks are skipped with a notice."));
  document(sub, {
      "Checks the store's git history against the retention rule (ISMS-P-005 section 5.7): records "
      "kept at least the policy's years, none deleted or changed after the fact, and who committed "
      "each. Outside a git repository the history checks are skipped with a notice.",
      {{"On the default branch, in CI.",
        "isms-obj retention-check --format github"}},
      {{0, "No violation."}, {1, "Violations found."}, {2, "Usage error."}, {3, "The store or its history could not be read."}},
      {"validate", "history"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
