// isms-obj retention-check: records kept, deleted, changed, and by whom (§5.7).
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.h"
#include "isms/render/table.h"
#include "isms/views/retention.h"

namespace cli {

namespace {

struct RetentionCommand {
  std::string format = "text";
};

std::string kind_label(isms::RecordKind k) {
  switch (k) {
    case isms::RecordKind::Setting: return "005-01 setting";
    case isms::RecordKind::Approval: return "005-01 approval";
    case isms::RecordKind::Result: return "005-02 result";
    case isms::RecordKind::Review: return "005-02 review";
    default: return std::string(isms::record_kind_name(k));
  }
}

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

  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["format"] = "isms-obj.retention/1";
    j["today"] = today.iso();
    j["years"] = r.years;
    j["location"] = r.location;
    j["history_checked"] = r.history_checked;
    j["commits"] = r.commits;
    j["records"] = nlohmann::ordered_json::array();
    for (const auto& g : r.groups) {
      j["records"].push_back({{"kind", isms::record_kind_name(g.kind)}, {"year", g.year}, {"records", g.records},
                              {"retain_until", g.until.iso()}, {"past_retention", g.past}});
    }
    j["violations"] = nlohmann::ordered_json::array();
    for (const auto& f : r.findings) {
      j["violations"].push_back({{"code", isms::code_name(f.code)}, {"path", f.path}, {"commit", f.commit}, {"author", f.author},
                                 {"date", f.date ? f.date->iso() : ""}, {"message", f.message}});
    }
    *ctx.out << j.dump(2) << '\n';
  } else {
    std::ostream& o = *ctx.out;
    o << fmt::format("Retention as of {}: kept at least {} year(s) after {}, at {}\n", today.iso(), r.years,
                     store.config->policy.retention_from_record_date ? "the date each record states"
                                                                     : "the end of the year it covers",
                     r.location);
    std::vector<std::vector<std::string>> rows = {{"record", "year", "files", "retain until", ""}};
    for (const auto& g : r.groups) {
      rows.push_back({kind_label(g.kind), std::to_string(g.year), std::to_string(g.records), g.until.iso(),
                      g.past ? "past retention: may be disposed of (never by isms-obj)" : "under retention"});
    }
    o << isms::format_table(rows, {isms::Align::Left, isms::Align::Right, isms::Align::Right});
    if (r.history_checked) o << fmt::format("history: {} commit(s) touching the store's paths checked\n", r.commits);
    for (const auto& f : r.findings) {
      o << fmt::format("{}: violation: {}", ctx.display(root, f.path), f.message);
      if (!f.commit.empty()) {
        o << fmt::format(" (commit {} by {}{})", f.commit.substr(0, 12), f.author, f.date ? " on " + f.date->iso() : "");
      }
      o << fmt::format(" [{}]\n", isms::code_name(f.code));
    }
    o << fmt::format("{} violation(s)\n", r.findings.size());
  }
  return r.findings.empty() ? kOk : kProblems;
}

}  // namespace

void register_retention(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<RetentionCommand>();
  CLI::App* sub = app.add_subcommand(
      "retention-check", "Records kept, missing, deleted or changed in git history, and who committed them (§5.7)");
  sub->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  sub->footer("Exit 0 clean, 1 violations. Outside a git repository the history checks are skipped with a notice.");
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
