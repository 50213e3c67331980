// isms-obj retention-check: records kept, deleted, changed, and by whom (§5.7).
#include <ostream>

#include "context.h"
#include "isms/render/retention.h"
#include "isms/views/retention.h"

namespace cli {

namespace {

struct RetentionCommand {
  std::string format = "text";
  Presentation shown;
};

int run(const Context& ctx, const RetentionCommand& opt) {
  std::filesystem::path root;
  isms::Store store;
  if (int rc = load_for_reading(ctx, &root, &store); rc != kOk) return rc;
  std::vector<isms::Commit> commits;
  std::optional<std::vector<isms::Commit>> history;
  if (ctx.env->git_history(root, &commits).is_ok()) history = std::move(commits);
  const isms::Date today = ctx.today();
  const auto r = isms::retention_check(store, history, today);
  if (!r.history_checked) *ctx.err << "isms-obj: note: " << r.history_notice << '\n';

  *ctx.out << (opt.format == "json" ? isms::retention_json(r)
                                    : isms::retention_text(
                                          r, [&](const std::string& rel) { return ctx.display(root, rel); },
                                          opt.shown.language(*store.config), opt.shown.calendar_of(*store.config)));
  return r.findings.empty() ? kOk : kProblems;
}

}  // namespace

void register_retention(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<RetentionCommand>();
  CLI::App* sub = app.add_subcommand(
      "retention-check", "Records kept, missing, deleted or changed in git history, and who committed them (§5.7)");
  sub->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  add_presentation(sub, &opt->shown);
  sub->footer("Exit 0 clean, 1 violations. Outside a git repository the history checks are skipped with a notice.");
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
