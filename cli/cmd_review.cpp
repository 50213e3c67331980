// isms-obj review: the quarterly review view (ISMS-P-005-02) and its record.
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.h"
#include "isms/ops/approve.h"
#include "isms/ops/review.h"
#include "isms/render/table.h"
#include "isms/rules/validate.h"

namespace cli {

namespace {

struct ReviewCommand {
  int year = 0;
  int quarter = 0;
  std::optional<std::string> unit;
  std::string format = "text";
  bool record = false;
  std::string reviewer, opinion, supervisor, reason;
  std::vector<std::string> objective_opinions;
  bool allow_missing = false;
  double lock_timeout = 10;
};

// Labels of form ISMS-P-005-02 in the store's language.
struct Labels {
  bool zh = true;
  std::string title() const { return zh ? "ISMS-P-005-02 資通安全目標檢討表" : "ISMS-P-005-02 objective review"; }
  std::string period(int y, int q) const { return zh ? fmt::format("{}年 第{}季", y, q) : fmt::format("{} Q{}", y, q); }
  std::string unit() const { return zh ? "目標執行單位" : "Unit"; }
  std::string in_force() const { return zh ? "核定版次" : "Approved revision in force"; }
  std::string item() const { return zh ? "目標項目" : "Objective"; }
  std::string last() const { return zh ? "去年實績" : "Last year"; }
  std::string target() const { return zh ? "目標值" : "Target"; }
  std::string quarter(int q) const { return zh ? fmt::format("第{}季 實績/累計", q) : fmt::format("Q{} actual/cum.", q); }
  std::string status() const { return zh ? "達成情形" : "Status"; }
  std::string forecast() const { return zh ? "預測" : "Forecast"; }
  std::string variance() const { return zh ? "差異說明" : "Variance explanations"; }
  std::string opinion() const { return zh ? "審核意見" : "Review opinion"; }
  std::string corrective() const { return zh ? "矯正措施 (ISMS-P-008)" : "Corrective action (ISMS-P-008)"; }
  std::string status_value(isms::QuarterStatus s) const {
    if (!zh) return std::string(isms::to_string(s));
    switch (s) {
      case isms::QuarterStatus::Met: return "達成";
      case isms::QuarterStatus::NotMet: return "未達成";
      case isms::QuarterStatus::OnTrack: return "進度正常";
      case isms::QuarterStatus::NoData: return "無資料";
    }
    return "";
  }
  std::string forecast_value(isms::Reachability r) const {
    if (!zh) return std::string(isms::to_string(r));
    switch (r) {
      case isms::Reachability::NoResults: return "尚無實績";
      case isms::Reachability::Achieved: return "已達成";
      case isms::Reachability::Reachable: return "可達成";
      case isms::Reachability::Lost: return "無法達成";
    }
    return "";
  }
};

std::string target_text(const isms::Objective& d, const isms::Target& t) {
  if (t.is_range) return fmt::format("{}..{}", t.min.to_string(), t.max.to_string());
  return fmt::format("{} {}", isms::to_string(d.comparison), t.value.to_string());
}

std::string dec(const std::optional<isms::Decimal>& d) { return d ? d->to_string() : "-"; }

void render_text(std::ostream& o, const isms::Store& store, const std::vector<isms::UnitReview>& views, int year,
                 int quarter, const Labels& L) {
  for (const auto& v : views) {
    const isms::Unit* u = store.config->unit(v.unit);
    o << fmt::format("{}  {}\n", L.title(), L.period(year, quarter));
    o << fmt::format("{}: {} ({})", L.unit(), u ? u->name : v.unit, v.unit);
    if (!v.in_force) {
      o << (L.zh ? "  — 無核定之目標設定表\n\n" : "  — no approved setting table in force\n\n");
      continue;
    }
    o << fmt::format("  {}: {} ({})\n\n", L.in_force(), v.in_force->revision, v.in_force->file);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {L.item(), L.last(), L.target()};
    for (int q = 1; q <= 4; ++q) header.push_back(L.quarter(q));
    header.push_back(L.status());
    header.push_back(L.forecast());
    rows.push_back(header);
    for (const auto& line : v.objectives) {
      const auto& d = *line.definition;
      std::vector<std::string> row = {d.item, line.listed ? dec(line.listed->last_year_actual) : "-",
                                      target_text(d, d.target)};
      for (int q = 1; q <= 4; ++q) {
        const auto& out = line.year.quarters[static_cast<std::size_t>(q - 1)].outcome;
        row.push_back(q > quarter || (!out.value && !out.cumulative) ? "-"
                                                                     : fmt::format("{} / {}", dec(out.value), dec(out.cumulative)));
      }
      row.push_back(L.status_value(line.year.quarters[static_cast<std::size_t>(quarter - 1)].outcome.status));
      row.push_back(L.forecast_value(line.forecast.state));
      rows.push_back(std::move(row));
    }
    o << isms::format_table(rows, {isms::Align::Left, isms::Align::Right, isms::Align::Left, isms::Align::Right,
                                   isms::Align::Right, isms::Align::Right, isms::Align::Right});
    // Variance explanations with reporter and date, then forecasts to act on.
    std::string notes;
    for (const auto& line : v.objectives) {
      for (int q = 1; q <= quarter; ++q) {
        const isms::Result* r = line.year.quarters[static_cast<std::size_t>(q - 1)].result;
        if (r && !r->variance.empty()) {
          notes += fmt::format("  Q{} {}: {} ({} {})\n", q, line.id, r->variance, r->reported_by,
                               r->reported ? r->reported->iso() : "");
        }
      }
    }
    if (!notes.empty()) o << '\n' << L.variance() << ":\n" << notes;
    std::string forecasts;
    for (const auto& line : v.objectives) {
      if (line.forecast.needed.empty() || line.forecast.state == isms::Reachability::Achieved) continue;
      forecasts += fmt::format("  {}: {} — {}\n", line.id, L.forecast_value(line.forecast.state), line.forecast.needed);
    }
    if (!forecasts.empty()) o << '\n' << L.forecast() << ":\n" << forecasts;
    o << '\n' << L.opinion() << ": ";
    if (v.recorded) {
      o << fmt::format("{} ({} {}; {} {})\n", v.recorded->opinion, v.recorded->reviewed_by,
                       v.recorded->date ? v.recorded->date->iso() : "", L.zh ? "權責主管" : "supervisor",
                       v.recorded->supervisor);
    } else {
      o << (L.zh ? "尚未記錄\n" : "not recorded\n");
    }
    if (!v.missing.empty()) {
      std::string ids;
      for (const auto& id : v.missing) ids += (ids.empty() ? "" : ", ") + id;
      o << fmt::format("{}: {}\n", L.zh ? "缺少實績" : "Results missing", ids);
    }
    std::string referrals;
    for (const auto& line : v.objectives) {
      if (!line.referral_required) continue;
      std::string qs;
      for (int q : line.missed) qs += fmt::format("{}Q{}", qs.empty() ? "" : ", ", q);
      referrals += fmt::format("  {}: {} {} — {}\n", line.id, L.zh ? "未達成" : "missed", qs,
                               line.referral ? fmt::format("{} ({})", line.referral->file,
                                                           line.referral->state == isms::ReferralState::Open ? "open" : "closed")
                                             : std::string(L.zh ? "待提報 (review --record)" : "referral due (review --record)"));
    }
    if (!referrals.empty()) o << L.corrective() << ":\n" << referrals;
    o << '\n';
  }
}

nlohmann::ordered_json to_json(const isms::Store& store, const std::vector<isms::UnitReview>& views, int year,
                               int quarter) {
  using nlohmann::ordered_json;
  auto num = [](const std::optional<isms::Decimal>& d) { return d ? ordered_json(d->to_double()) : ordered_json(nullptr); };
  auto target = [](const isms::Target& t) {
    return t.is_range ? ordered_json{{"min", t.min.to_double()}, {"max", t.max.to_double()}} : ordered_json(t.value.to_double());
  };
  ordered_json j;
  j["format"] = "isms-obj.review/1";
  j["year"] = year;
  j["quarter"] = quarter;
  j["units"] = ordered_json::array();
  for (const auto& v : views) {
    ordered_json u;
    u["unit"] = v.unit;
    const isms::Unit* cu = store.config->unit(v.unit);
    u["name"] = cu ? cu->name : v.unit;
    u["in_force"] = v.in_force ? ordered_json(v.in_force->file) : ordered_json(nullptr);
    u["missing_results"] = v.missing;
    u["review"] = v.recorded ? ordered_json{{"file", v.recorded->file},
                                            {"reviewed_by", v.recorded->reviewed_by},
                                            {"opinion", v.recorded->opinion},
                                            {"supervisor", v.recorded->supervisor},
                                            {"date", v.recorded->date ? v.recorded->date->iso() : ""}}
                             : ordered_json(nullptr);
    u["objectives"] = ordered_json::array();
    for (const auto& line : v.objectives) {
      const auto& d = *line.definition;
      ordered_json o;
      o["id"] = line.id;
      o["item"] = d.item;
      o["last_year_actual"] = line.listed ? num(line.listed->last_year_actual) : ordered_json(nullptr);
      o["comparison"] = isms::to_string(d.comparison);
      o["target"] = target(d.target);
      o["unit"] = isms::to_string(d.unit);
      o["precision"] = d.precision;
      o["aggregation"] = isms::to_string(d.aggregation);
      o["method"] = line.listed ? line.listed->method : "";
      o["quarters"] = ordered_json::array();
      for (int q = 1; q <= quarter; ++q) {
        const auto& rec = line.year.quarters[static_cast<std::size_t>(q - 1)];
        ordered_json qj{{"quarter", q},
                        {"value", num(rec.outcome.value)},
                        {"cumulative", num(rec.outcome.cumulative)},
                        {"target", target(rec.outcome.target)},
                        {"pro_rata", rec.outcome.pro_rata},
                        {"status", isms::to_string(rec.outcome.status)}};
        if (rec.result) {
          qj["numerator"] = num(rec.result->numerator);
          qj["denominator"] = num(rec.result->denominator);
          qj["variance"] = rec.result->variance;
          qj["reported_by"] = rec.result->reported_by;
          qj["reported"] = rec.result->reported ? rec.result->reported->iso() : "";
          qj["file"] = rec.result->file;
        }
        o["quarters"].push_back(qj);
      }
      o["forecast"] = {{"state", isms::to_string(line.forecast.state)}, {"needed", line.forecast.needed}};
      o["missed_quarters"] = line.missed;
      o["referral_required"] = line.referral_required;
      o["referral"] = line.referral ? ordered_json(line.referral->file) : ordered_json(nullptr);
      u["objectives"].push_back(o);
    }
    j["units"].push_back(u);
  }
  return j;
}

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
  req.missing_reason = opt.reason;
  for (const auto& o : opt.objective_opinions) {
    const auto eq = o.find('=');
    if (eq == std::string::npos) {
      return report_status(ctx, isms::Status::invalid_argument("--objective-opinion takes ID=TEXT: " + o));
    }
    req.objective_opinions.emplace_back(o.substr(0, eq), o.substr(eq + 1));
  }
  req.today = ctx.today();
  req.write = write_options(ctx, "review", opt.lock_timeout);
  isms::ReviewOutcome out;
  isms::Diagnostics diags;
  const isms::Status s = isms::record_review(*ctx.env, root, req, &out, diags);
  if (int rc = report_write(ctx, root, s, diags, out.previous_lock_holder); rc != kOk) return rc;
  *ctx.out << (out.review_written ? "wrote " : "already on record: ") << ctx.display(root, out.review) << '\n';
  for (const auto& r : out.referrals) *ctx.out << "wrote " << ctx.display(root, r) << " (corrective action, ISMS-P-008)\n";
  return kOk;
}

int run(const Context& ctx, const ReviewCommand& opt) {
  std::filesystem::path root;
  if (opt.record) {
    if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
    return record(ctx, root, opt);
  }
  isms::Store store;
  isms::LoadScope scope{{opt.year}, {}};
  if (opt.unit) scope.units.insert(*opt.unit);
  if (int rc = load_for_reading(ctx, &root, &store, scope); rc != kOk) return rc;
  if (opt.unit && !store.config->unit(*opt.unit)) {
    return report_status(ctx, isms::Status::invalid_argument("unit '" + *opt.unit + "' is not in isms-obj.yaml"));
  }
  const auto views = isms::review_view(store, opt.year, opt.quarter, opt.unit);
  if (opt.format == "json") {
    *ctx.out << to_json(store, views, opt.year, opt.quarter).dump(2) << '\n';
  } else {
    Labels L;
    L.zh = store.config->language == isms::Language::ZhTW;
    render_text(*ctx.out, store, views, opt.year, opt.quarter, L);
  }
  return kOk;
}

}  // namespace

void register_review(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ReviewCommand>();
  CLI::App* sub = app.add_subcommand("review", "Quarterly review (ISMS-P-005-02): view it, or record it with --record");
  sub->add_option("--year", opt->year, "Year")->required()->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--quarter", opt->quarter, "Quarter 1-4")->required()->check(CLI::Range(1, 4));
  sub->add_option("--unit", opt->unit, "One unit (required with --record)")->type_name("UNIT");
  sub->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  const char* rec = "Recording (--record)";
  sub->add_flag("--record", opt->record, "Write the review record, and referrals for objectives missed repeatedly")->group(rec);
  sub->add_option("--reviewer", opt->reviewer, "Reviewer (person id; default: whose e-mail is git user.email)")->group(rec)->type_name("PERSON");
  sub->add_option("--opinion", opt->opinion, "審核意見: the review opinion")->group(rec);
  sub->add_option("--supervisor", opt->supervisor, "權責主管 who confirms (default: the unit's head)")->group(rec)->type_name("PERSON");
  sub->add_option("--objective-opinion", opt->objective_opinions, "ID=TEXT: an opinion on one objective (repeatable)")
      ->group(rec);
  sub->add_flag("--allow-missing", opt->allow_missing, "Record although results are missing (needs --reason)")->group(rec);
  sub->add_option("--reason", opt->reason, "Why results are missing")->group(rec);
  add_lock_timeout(sub, &opt->lock_timeout);
  sub->footer("--record refuses (exit 2) while results are missing, before the quarter ends, and for reviewers who are\n"
              "not the CISO, the executive secretary or on the security team. Running it again writes nothing new.");
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli
