// isms-obj approve: the CISO's decision on a unit's setting table.
#include <ostream>

#include <fmt/format.h>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/ops/approve.h"
#include "isms/render/outcome.h"

namespace cli {

namespace {

struct ApproveCommand {
  int year = 0;
  std::string unit;
  std::string decision = "approved";
  std::string comment;
  std::string by;
  std::optional<int> revision;
  std::string sign_with;
  double lock_timeout = 10;
  std::string format = "text";
};

int run(const Context& ctx, const ApproveCommand& opt) {
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
  isms::ApproveRequest req;
  req.year = opt.year;
  req.unit = opt.unit;
  req.decision = isms::from_name<isms::Decision>(opt.decision).value_or(isms::Decision::Approved);
  req.comment = opt.comment;
  req.by = opt.by;
  if (opt.by.empty()) req.by_email = ctx.env->git_user_email(root);
  req.revision = opt.revision;
  req.sign_with = ctx.path_arg(opt.sign_with);
  req.today = ctx.today();
  req.write = write_options(ctx, "approve", opt.lock_timeout);

  isms::ApproveOutcome out;
  isms::Diagnostics diags;
  const isms::Status s = isms::approve(*ctx.env, root, req, &out, diags);
  if (int rc = report_write(ctx, root, s, diags, out.previous_lock_holder); rc != kOk) return rc;

  if (opt.format == "json") *ctx.out << isms::approve_report_json(out, req.decision, req.today);
  if (!text_report(ctx, opt.format)) return kOk;
  std::ostream& o = *ctx.out;
  const std::string table = ctx.display(root, out.table);
  if (!out.existing.empty()) {
    o << isms::trf("{} revision {}: already {} in {}; nothing written\n", table, out.revision,
                     isms::to_string(req.decision), ctx.display(root, out.existing));
  } else {
    o << fmt::format("{} revision {}: {} by {} on {}\n", table, out.revision, isms::to_string(req.decision),
                     out.approver, req.today.iso());
    o << fmt::format("wrote {}\n", ctx.display(root, out.written));
  }
  o << fmt::format("state: {} -> {}", isms::to_string(out.before), isms::to_string(out.after));
  if (!out.in_force.empty()) o << isms::trf(" (in force: {})", ctx.display(root, out.in_force));
  o << '\n';
  return kOk;
}

}  // namespace

void register_approve(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ApproveCommand>();
  CLI::App* sub = app.add_subcommand(
      "approve", isms::tr("Record the CISO's decision on a unit's setting table (ISMS-P-005-01) for a year"));
  sub->add_option("--year", opt->year, isms::tr("Year of the table"))->required()->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--unit", opt->unit, isms::tr("Unit id"))->required()->type_name("UNIT");
  sub->add_option("--decision", opt->decision, isms::tr("approved, rejected or changes-requested"))
      ->check(CLI::IsMember(isms::all_names<isms::Decision>()))
      ->capture_default_str();
  sub->add_option("--comment", opt->comment, isms::tr("The CISO's comment; required unless approving"));
  sub->add_option("--by", opt->by, isms::tr("Person id of the approver (default: whose e-mail is git user.email)"))->type_name("PERSON");
  add_sign_with(sub, &opt->sign_with, "decision");
  sub->add_option("--revision", opt->revision, isms::tr("Refuse unless the table is at this revision"));
  add_report_format(sub, &opt->format);
  add_lock_timeout(sub, &opt->lock_timeout);
  sub->footer(
      isms::tr("Only the person holding the CISO role on the day (--today) may decide, and never on a table they "
      "compiled.\nRefusals exit 2 and write nothing; deciding again what is already decided writes nothing."));
  document(sub, {
      "Records the CISO's decision on a unit's setting table for a year: approved, rejected or changes "
      "requested, with a comment unless approving. The decision is a new file under "
      "`approvals/<year>/<unit>/`, holding the digest of the revision it decides, so a later edit of "
      "the table cannot pass as approved.\n\nOnly the person holding the CISO role on the day may "
      "decide, and never on a table they compiled. Deciding again what is already decided writes "
      "nothing.",
      {{"Approve unit lio's 2027 objectives.",
        "isms-obj approve --year 2027 --unit lio"},
       {"Send a revision back, signed with the CISO's SSH key.",
        "isms-obj approve --year 2027 --unit lio --revision 2 --decision changes-requested --comment 'Targets need a baseline' --sign-with ~/.ssh/id_ed25519"}},
      {{0, "The decision was recorded, or was already on record."}, {2, "Refused (not the CISO, the compiler, another revision, a usage error); nothing was written."}, {3, "A file could not be written."}},
      {"set", "history"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
