// isms-obj history: the audit trail of one unit's year, for an auditor.
#include <ostream>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/history.h"
#include "isms/views/history.h"

namespace cli {

namespace {

struct HistoryCommand {
  int year = 0;
  std::string unit;
  std::optional<std::string> objective;
  std::string format = "text";
  Presentation shown;
};

int run(const Context& ctx, const HistoryCommand& opt) {
  std::filesystem::path root;
  isms::Store& store = store_until_exit();
  if (int rc = load_for_reading(ctx, &root, &store, isms::LoadScope{{opt.year}, {opt.unit}}); rc != kOk) return rc;
  if (!store.config->unit(opt.unit)) {
    return report_status(ctx, isms::Status::invalid_argument(isms::trf("unit \'{}\' is not in isms-obj.yaml", opt.unit)));
  }
  const isms::History h = isms::build_history(store, {opt.year, opt.unit, opt.objective});
  if (opt.objective && !h.items.count(*opt.objective)) {
    std::string known;
    for (const auto& [id, item] : h.items) known += (known.empty() ? "" : ", ") + id;
    return report_status(ctx, isms::Status::invalid_argument(
        known.empty() ? isms::trf("objective '{}' is not in any revision of {}'s {} table", *opt.objective, opt.unit,
                                  opt.year)
                      : isms::trf("objective '{}' is not in any revision of {}'s {} table (it has {})", *opt.objective,
                                  opt.unit, opt.year, known)));
  }
  *ctx.out << (opt.format == "json" ? isms::history_json(h)
                                    : isms::history_text(h, opt.shown.language(*store.config),
                                                         opt.shown.calendar_of(*store.config)));
  return kOk;
}

}  // namespace

void register_history(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<HistoryCommand>();
  CLI::App* sub = app.add_subcommand(
      "history", isms::tr("Audit trail of a unit's year: revisions and what they changed, decisions and keys, results and "
                 "amendments, reviews and corrections, corrective-action decisions"));
  sub->add_option("--year", opt->year, "Year")->required()->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--unit", opt->unit, "Unit")->required()->type_name("UNIT");
  sub->add_option("--objective", opt->objective, isms::tr("Only what concerns this objective (and the unit-wide acts)"))
      ->type_name("ID");
  sub->add_option("--format", opt->format, isms::tr("text or json"))->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  add_presentation(sub, &opt->shown);
  sub->footer(isms::tr("Reads the records alone (not git): what each record proves, oldest first. Signatures are shown by\n"
              "key fingerprint; 'isms-obj validate' verifies them."));
  document(sub, {
      "The audit trail of a unit's year, from the records alone (not git): each revision of the "
      "setting table and the CISO's decision on it, each result and amendment, the head's "
      "confirmations, the reviews and their corrections, and the corrective-action decisions, oldest "
      "first. Each act names who did it, the key a signed act was signed with, and the record that "
      "proves it.",
      {{"A unit's 2026.",
        "isms-obj history --year 2026 --unit lio"},
       {"One objective, as JSON.",
        "isms-obj history --year 2026 --unit lio --objective vuln-patch-rate --format json"}},
      {{0, "Shown."}, {1, "Record files in scope could not be read; nothing is shown."}, {2, "Usage error."}, {3, "A file could not be read."}},
      {"review", "retention-check"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
