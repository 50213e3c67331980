// isms-obj status: what is due or late, for people and cron.
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.h"
#include "isms/render/table.h"
#include "isms/views/due.h"

namespace cli {

namespace {

struct StatusCommand {
  std::string format = "text";
  int horizon = 30;
};

int run(const Context& ctx, const StatusCommand& opt) {
  std::filesystem::path root;
  isms::Store store;
  const isms::Date today = ctx.today();
  // The years due_items looks at, and every open referral.
  isms::LoadScope scope{{today.year - 1, today.year, today.year + 1}, {}, /*referrals_every_year=*/true};
  if (int rc = load_for_reading(ctx, &root, &store, scope); rc != kOk) return rc;
  const auto items = isms::due_items(store, today, opt.horizon);
  std::size_t late = 0, due = 0, open = 0;
  for (const auto& i : items) {
    (i.state == isms::DueState::Late ? late : i.state == isms::DueState::Due ? due : open) += 1;
  }
  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["format"] = "isms-obj.status/1";
    j["today"] = today.iso();
    j["late"] = late;
    j["due"] = due;
    j["open"] = open;
    j["items"] = nlohmann::ordered_json::array();
    for (const auto& i : items) {
      j["items"].push_back({{"state", isms::to_string(i.state)},
                            {"kind", i.kind},
                            {"year", i.year},
                            {"quarter", i.quarter == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(i.quarter)},
                            {"unit", i.unit},
                            {"due", i.due ? nlohmann::ordered_json(i.due->iso()) : nlohmann::ordered_json(nullptr)},
                            {"path", i.path},
                            {"message", i.message}});
    }
    *ctx.out << j.dump(2) << '\n';
  } else {
    *ctx.out << fmt::format("{} — status on {}\n", store.config->org_name, today.iso());
    if (!items.empty()) {
      std::vector<std::vector<std::string>> rows = {{"state", "what", "period", "unit", "due", "details"}};
      for (const auto& i : items) {
        const isms::Unit* u = store.config->unit(i.unit);
        rows.push_back({std::string(isms::to_string(i.state)), i.kind,
                        i.quarter ? fmt::format("{} Q{}", i.year, i.quarter) : std::to_string(i.year),
                        u ? fmt::format("{} ({})", u->name, i.unit) : i.unit, i.due ? i.due->iso() : "-", i.message});
      }
      *ctx.out << isms::format_table(rows);
    }
    *ctx.out << fmt::format("{} late, {} due, {} open\n", late, due, open);
  }
  return late > 0 ? kProblems : kOk;
}

}  // namespace

void register_status(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<StatusCommand>();
  CLI::App* sub = app.add_subcommand("status", "What is due or late as of --today: tables, results, reviews, referrals");
  sub->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  sub->add_option("--horizon", opt->horizon, "Days before a due date from which an item is listed as due")
      ->check(CLI::Range(0, 366))
      ->capture_default_str();
  sub->footer("Exit 1 when anything is late (for cron alerts), 0 otherwise.");
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
