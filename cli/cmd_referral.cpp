// isms-obj referral: the CISO's decisions on corrective action (ISMS-P-008).
#include <ostream>

#include <fmt/format.h>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/ops/referral.h"
#include "isms/render/outcome.h"

namespace cli {

namespace {

struct ReferralCommand {
  int year = 0;
  std::string unit, objective, by, evidence, case_number, sign_with;
  std::optional<int> sequence;
  bool close = false;
  double lock_timeout = 10;
  std::string format = "text";
};

int run(const Context& ctx, const ReferralCommand& opt) {
  if (!opt.close) {
    return report_status(ctx, isms::Status::invalid_argument(
                                  "say what is decided: --close (referrals are raised, or waived with --waive, by "
                                  "'isms-obj review --record')"));
  }
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
  isms::CloseReferralRequest req;
  req.year = opt.year;
  req.unit = opt.unit;
  req.objective = opt.objective;
  req.sequence = opt.sequence;
  req.by = opt.by;
  if (opt.by.empty()) req.by_email = ctx.env->git_user_email(root);
  req.evidence = opt.evidence;
  req.sign_with = ctx.path_arg(opt.sign_with);
  req.case_number = opt.case_number;
  req.today = ctx.today();
  req.write = write_options(ctx, "referral", opt.lock_timeout);
  isms::CloseReferralOutcome out;
  isms::Diagnostics diags;
  const isms::Status s = isms::close_referral(*ctx.env, root, req, &out, diags);
  if (int rc = report_write(ctx, root, s, diags, out.previous_lock_holder); rc != kOk) return rc;
  if (opt.format == "json") *ctx.out << isms::referral_report_json(out, req.today);
  if (!text_report(ctx, opt.format)) return kOk;
  *ctx.out << (out.written ? fmt::format("closed {} on {}\n", ctx.display(root, out.referral), req.today.iso())
                           : isms::trf("already closed: {}; nothing written\n", ctx.display(root, out.referral)));
  return kOk;
}

}  // namespace

void register_referral(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ReferralCommand>();
  CLI::App* sub = app.add_subcommand("referral", isms::tr("The CISO's decisions on corrective action (ISMS-P-008): close one"));
  sub->add_option("--year", opt->year, "Year")->required()->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--unit", opt->unit, isms::tr("Unit id"))->required()->type_name("UNIT");
  sub->add_option("--objective", opt->objective, isms::tr("Objective id"))->required()->type_name("OBJECTIVE");
  sub->add_option("--sequence", opt->sequence, isms::tr("Which referral of the objective (default: the open one)"));
  sub->add_flag("--close", opt->close, isms::tr("Close the referral: the corrective action was carried out"));
  sub->add_option("--evidence", opt->evidence, isms::tr("What was done and where the evidence is kept (closing_note)"));
  sub->add_option("--case", opt->case_number, isms::tr("ISMS-P-008 case number, if not on record yet"));
  sub->add_option("--by", opt->by, isms::tr("Person id of the CISO (default: whose e-mail is git user.email)"))->type_name("PERSON");
  add_sign_with(sub, &opt->sign_with, "closing");
  add_report_format(sub, &opt->format);
  add_lock_timeout(sub, &opt->lock_timeout);
  sub->footer(
      isms::tr("Only the person holding the CISO role on the day (--today) closes a referral, and only an open one.\n"
      "Referrals are raised, or waived with a reason (--waive ID=REASON), by 'isms-obj review --record'.\n"
      "Refusals exit 2 and write nothing; closing again with the same evidence writes nothing."));
  document(sub, {
      "The CISO's decisions on corrective action (form ISMS-P-008). Referrals are raised, or waived "
      "with a reason, by `isms-obj review --record`; this command closes one once the action was "
      "carried out, recording the date, who closed it and the evidence.\n\nOnly the CISO of the day "
      "closes a referral, and only an open one; closing again with the same evidence writes nothing.",
      {{"Close a referral with its evidence and case number.",
        "isms-obj referral --year 2026 --unit lio --objective vuln-patch-rate --close --evidence 'Patch process revised; see ISMS-P-008-2026-003' --case ISMS-P-008-2026-003"}},
      {{0, "Closed, or already closed with this evidence."}, {2, "Refused (not the CISO, not open, a file a person edited, a usage error); nothing was written."}, {3, "A file could not be written."}},
      {"review", "history"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
