// isms-obj review: the quarterly review view (ISMS-P-005-02) and its record.
#include <ostream>

#include <fmt/format.h>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/ops/review.h"
#include "isms/render/outcome.h"
#include "isms/render/review.h"

namespace cli {

namespace {

struct ReviewCommand {
  int year = 0;
  int quarter = 0;
  std::optional<std::string> unit;
  std::string format = "text";
  Presentation shown;
  bool record = false, confirm = false;
  std::string reviewer, opinion, supervisor, reason, sign_with, correct, by;
  std::vector<std::string> objective_opinions, waive;
  bool allow_missing = false;
  double lock_timeout = 10;
};

int record(const Context& ctx, const std::filesystem::path& root, const ReviewCommand& opt) {
  if (!opt.unit) return report_status(ctx, isms::Status::invalid_argument("--record needs --unit"));
  isms::ReviewRequest req;
  req.year = opt.year;
  req.quarter = opt.quarter;
  req.unit = *opt.unit;
  req.reviewer = opt.reviewer;
  if (opt.reviewer.empty()) req.reviewer_email = ctx.env->git_user_email(root);
  req.opinion = opt.opinion;
  req.supervisor = opt.supervisor;
  req.allow_missing = opt.allow_missing;
  req.correct_reason = opt.correct;
  req.missing_reason = opt.reason;
  for (const auto& o : opt.objective_opinions) {
    const auto eq = o.find('=');
    if (eq == std::string::npos) {
      return report_status(ctx, isms::Status::invalid_argument("--objective-opinion takes ID=TEXT: " + o));
    }
    req.objective_opinions.emplace_back(o.substr(0, eq), o.substr(eq + 1));
  }
  for (const auto& w : opt.waive) {
    const auto eq = w.find('=');
    if (eq == std::string::npos) {
      return report_status(ctx, isms::Status::invalid_argument("--waive takes ID=REASON: " + w));
    }
    req.waive.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  req.sign_with = ctx.path_arg(opt.sign_with);
  req.today = ctx.today();
  req.write = write_options(ctx, "review", opt.lock_timeout);
  isms::ReviewOutcome out;
  isms::Diagnostics diags;
  const isms::Status s = isms::record_review(*ctx.env, root, req, &out, diags);
  if (int rc = report_write(ctx, root, s, diags, out.previous_lock_holder); rc != kOk) return rc;
  if (opt.format == "json") *ctx.out << isms::review_report_json(out);
  if (!text_report(ctx, opt.format)) return kOk;
  *ctx.out << (out.review_written ? "wrote " : isms::tr("already on record: ")) << ctx.display(root, out.review) << '\n';
  for (const auto& r : out.referrals) *ctx.out << "wrote " << ctx.display(root, r) << isms::tr(" (corrective action, ISMS-P-008)\n");
  return kOk;
}

int confirm(const Context& ctx, const std::filesystem::path& root, const ReviewCommand& opt) {
  if (!opt.unit) return report_status(ctx, isms::Status::invalid_argument("--confirm needs --unit"));
  isms::ConfirmRequest req;
  req.year = opt.year;
  req.quarter = opt.quarter;
  req.unit = *opt.unit;
  req.by = opt.by;
  req.allow_missing = opt.allow_missing;
  if (opt.by.empty()) req.by_email = ctx.env->git_user_email(root);
  req.sign_with = ctx.path_arg(opt.sign_with);
  req.today = ctx.today();
  req.write = write_options(ctx, "review --confirm", opt.lock_timeout);
  isms::ConfirmOutcome out;
  isms::Diagnostics diags;
  const isms::Status s = isms::confirm_results(*ctx.env, root, req, &out, diags);
  if (int rc = report_write(ctx, root, s, diags, out.previous_lock_holder); rc != kOk) return rc;
  if (opt.format == "json") *ctx.out << isms::confirm_report_json(out);
  if (!text_report(ctx, opt.format)) return kOk;
  *ctx.out << (out.written ? "wrote " : isms::tr("already on record: ")) << ctx.display(root, out.confirmation) << '\n';
  return kOk;
}

int run(const Context& ctx, const ReviewCommand& opt) {
  std::filesystem::path root;
  if (opt.record || opt.confirm) {
    if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
    return opt.confirm ? confirm(ctx, root, opt) : record(ctx, root, opt);
  }
  isms::Store& store = store_until_exit();
  isms::LoadScope scope{{opt.year}, {}};
  if (opt.unit) scope.units.insert(*opt.unit);
  if (int rc = load_for_reading(ctx, &root, &store, scope); rc != kOk) return rc;
  if (opt.unit && !store.config->unit(*opt.unit)) {
    return report_status(ctx, isms::Status::invalid_argument(isms::trf("unit \'{}\' is not in isms-obj.yaml", *opt.unit)));
  }
  const auto views = isms::review_view(store, opt.year, opt.quarter, opt.unit);
  if (opt.format == "json") {
    *ctx.out << isms::review_json(views, opt.year, opt.quarter);
  } else {
    const std::string text = isms::review_text(views, opt.year, opt.quarter, *store.config, opt.shown.language(*store.config),
                                               opt.shown.calendar_of(*store.config));
    note_width(ctx, text, "give --format json, or read the forms with 'report --form review --format html'");
    *ctx.out << text;
  }
  return kOk;
}

}  // namespace

void register_review(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ReviewCommand>();
  CLI::App* sub = app.add_subcommand("review", isms::tr("Quarterly review (ISMS-P-005-02): view it, or record it with --record"));
  sub->add_option("--year", opt->year, "Year")->required()->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--quarter", opt->quarter, "Quarter 1-4")->required()->check(CLI::Range(1, 4));
  sub->add_option("--unit", opt->unit, isms::tr("One unit (required with --record)"))->type_name("UNIT");
  sub->add_option("--format", opt->format,
                  isms::tr("text or json: the review, or with --record and --confirm what was written "
                           "(schemas/write-report.schema.json)"))->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  add_presentation(sub, &opt->shown);
  const char* rec = "Recording (--record)";
  sub->add_flag("--record", opt->record, isms::tr("Write the review record, and referrals for objectives missed repeatedly"))->group(rec);
  sub->add_option("--reviewer", opt->reviewer, isms::tr("Reviewer (person id; default: whose e-mail is git user.email)"))->group(rec)->type_name("PERSON");
  sub->add_option("--opinion", opt->opinion, isms::tr("審核意見: the review opinion"))->group(rec);
  sub->add_option("--correct", opt->correct,
                  isms::tr("REASON: record a correction that supersedes the review on record (<unit>.<n>.yaml); the earlier "
                  "one stays on record"))
      ->group(rec);
  sub->add_option("--waive", opt->waive,
                  isms::tr("ID=REASON: the CISO decides that an objective missed repeatedly needs no corrective action "
                  "(§5.5.2, 得視需要); written as a waived referral instead of an open one (repeatable)"))
      ->group(rec);
  add_sign_with(sub, &opt->sign_with, "review or the confirmation")->group(rec);
  sub->add_option("--supervisor", opt->supervisor,
                  isms::tr("權責主管 named on the review when the head has not confirmed (default: the unit's head)"))
      ->group(rec)
      ->type_name("PERSON");
  sub->add_option("--objective-opinion", opt->objective_opinions, isms::tr("ID=TEXT: an opinion on one objective (repeatable)"))
      ->group(rec);
  sub->add_flag("--allow-missing", opt->allow_missing, isms::tr("Record although results are missing (needs --reason)"))->group(rec);
  sub->add_option("--reason", opt->reason, isms::tr("Why results are missing"))->group(rec);
  const char* conf = "Confirming (--confirm)";
  auto* confirm_flag = sub->add_flag("--confirm", opt->confirm,
                                     isms::tr("The unit's head (權責主管) confirms the quarter's results before the CISO reviews "
                                     "them: writes confirmations/<year>/q<Q>/<unit>.yaml"))
                           ->group(conf);
  sub->add_option("--by", opt->by, isms::tr("The unit's head (person id; default: whose e-mail is git user.email)"))
      ->group(conf)
      ->type_name("PERSON")
      ->needs(confirm_flag);
  confirm_flag->excludes(sub->get_option("--record"));
  add_lock_timeout(sub, &opt->lock_timeout);
  sub->footer(isms::tr("--confirm and --record refuse (exit 2) before the quarter ends and while results are missing;\n"
              "--confirm is the unit's head's, --record the CISO's or a deputy's (roles: ciso_deputy), never one who\n"
              "reported a result under review. Running either again on the same records writes nothing new."));
  document(sub, {
      "The quarterly review of form ISMS-P-005-02: per unit the approved revision in force, and per "
      "objective last year's actual, the target, each quarter's actual and cumulative, the status, the "
      "forecast, the variance explanations, the review opinion and the corrective-action "
      "state.\n\n`--confirm` is the unit head's confirmation of the quarter's results, which the form "
      "has precede the review. `--record` is the CISO's (or a deputy's) review: it writes "
      "`reviews/<year>/q<Q>/<unit>.yaml` and, for each objective missed in the policy's number of "
      "quarters, a corrective-action referral (form ISMS-P-008), or a waived one with `--waive`. "
      "Both refuse before the quarter ends and while results are missing, and running either again "
      "writes nothing new; `--correct` records a correction that supersedes the review on record.",
      {{"Every unit's third quarter of 2026.",
        "isms-obj review --year 2026 --quarter 3"},
       {"The unit head confirms the results.",
        "isms-obj review --year 2026 --quarter 3 --unit lio --confirm --by lin.mh"},
       {"The CISO records the review.",
        "isms-obj review --year 2026 --quarter 3 --unit lio --record --reviewer lee.ch --opinion 'Targets missed: carry out the corrective actions'"}},
      {{0, "Shown, or written (or already on record)."}, {1, "Record files in scope could not be read; nothing is shown."}, {2, "Refused, or a usage error; nothing was written."}, {3, "A file could not be read or written."}},
      {"record-quarter", "referral", "report"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
