// isms-obj status: what is due or late, for people and cron.
#include <map>
#include <ostream>
#include <vector>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/status.h"
#include "isms/views/due.h"

namespace cli {

namespace {

struct StatusCommand {
  std::string format = "text";
  int horizon = 30;
  Presentation shown;
};

int run(const Context& ctx, const StatusCommand& opt) {
  std::filesystem::path root;
  isms::Store& store = store_until_exit();
  const isms::Date today = ctx.today();
  // The years due_items looks at, and every open referral; of last year
  // only its quarters' items, read into a store of their own, or taken from
  // the summary cache once they are settled and nothing in that year changed.
  isms::LoadScope scope{{today.year, today.year + 1}, {}, /*referrals_every_year=*/true};
  if (int rc = load_for_reading(ctx, &root, &store, scope); rc != kOk) return rc;
  std::map<int, std::vector<isms::DueItem>> earlier;
  int rc = kOk;
  const auto load = [&](const isms::LoadOptions& options, isms::Store* last_year) {
    rc = load_for_reading(ctx, &root, last_year, options);
    return rc == kOk;
  };
  if (!isms::earlier_quarter_items(*ctx.env, root, ctx.cache_id(), today.year - 1, today, load,
                                   &earlier[today.year - 1])) {
    return rc;
  }
  const auto items = isms::due_items(store, today, opt.horizon, earlier);
  *ctx.out << (opt.format == "json" ? isms::status_json(today, items)
                                    : isms::status_text(store.config->org_name, today, items,
                                                        opt.shown.language(*store.config),
                                                        opt.shown.calendar_of(*store.config)));
  return isms::count_due(items).late > 0 ? kProblems : kOk;
}

}  // namespace

void register_status(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<StatusCommand>();
  CLI::App* sub = app.add_subcommand("status", isms::tr("What is due or late as of --today: tables, results, reviews, referrals"));
  sub->add_option("--format", opt->format, isms::tr("text or json"))->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  sub->add_option("--horizon", opt->horizon, isms::tr("Days before a due date from which an item is listed as due"))
      ->check(CLI::Range(0, 366))
      ->capture_default_str();
  add_presentation(sub, &opt->shown);
  sub->footer(isms::tr("Exit 1 when anything is late (for cron alerts), 0 otherwise."));
  document(sub, {
      "What is due and what is late as of today: setting tables not yet submitted or approved, results "
      "and reviews owed after each quarter (late after the policy's days), corrective-action "
      "referrals owed and open. The running year and the one before are checked. Exit 1 when anything "
      "is late, so a cron job can alert.",
      {{"Everything due.",
        "isms-obj status"},
       {"For a chat alert from cron.",
        "isms-obj status --format json"}},
      {{0, "Nothing is late."}, {1, "Something is late, or record files could not be read."}, {2, "Usage error."}, {3, "A file could not be read."}},
      {"review", "report"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
