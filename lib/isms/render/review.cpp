#include "isms/render/review.h"

#include <fmt/format.h>

#include "isms/render/json.h"
#include "isms/render/labels.h"
#include "isms/render/table.h"

namespace isms {

namespace {

std::string dec(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }

// Who: a person's name in the labels' language (the id when unknown).
std::string who(const Config& c, const std::string& id, const Labels& L) {
  const Person* p = c.person(id);
  if (!p) return id;
  return L.zh() || p->name_en.empty() ? p->name : p->name_en;
}

std::string text(const std::vector<UnitReview>& views, int year, int quarter, const Config& config, const Labels& L,
                 Calendar calendar) {
  std::string o;
  const std::string shown_year = year_number(year, calendar, L);
  auto when = [&](const std::optional<Date>& d) { return d ? date_column(*d, calendar) : std::string(); };
  for (const auto& v : views) {
    o += fmt::format("{}  {}\n", L("review.title"), fmt::format(fmt::runtime(L("review.period")), shown_year, quarter));
    const Unit* unit = config.unit(v.unit);
    o += fmt::format("{}: {} ({})", L("review.unit"),
                     unit && !L.zh() && !unit->name_en.empty() ? unit->name_en : v.name, v.unit);
    if (!v.in_force) {
      o += L("review.no table") + "\n\n";
      continue;
    }
    o += fmt::format("  {}: {} ({})\n\n", L("review.in force"), v.in_force->revision, v.in_force->file);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {L("item.review"), L("review.last"), L("target")};
    for (int q = 1; q <= 4; ++q) header.push_back(fmt::format(fmt::runtime(L("review.quarter")), q));
    header.push_back(L("status"));
    header.push_back(L("forecast"));
    rows.push_back(header);
    for (const auto& line : v.objectives) {
      const auto& d = *line.definition;
      std::vector<std::string> row = {d.item, line.listed ? dec(line.listed->last_year_actual) : "-",
                                      target_text(d.comparison, d.target)};
      for (int q = 1; q <= 4; ++q) {
        const auto& rec = line.year.quarters[static_cast<std::size_t>(q - 1)];
        const auto& out = rec.outcome;
        std::string cell =
            q > quarter || (!out.value && !out.cumulative) ? "-" : fmt::format("{} / {}", dec(out.value), dec(out.cumulative));
        // The target the quarter was judged against, where it is not the row's.
        if (q <= quarter && rec.definition) {
          const std::string judged = target_text(rec.definition->comparison, out.target);
          if (judged != row[2]) cell += fmt::format(" ({})", judged);
        }
        row.push_back(std::move(cell));
      }
      row.push_back(L("value." + std::string(to_string(line.year.quarters[static_cast<std::size_t>(quarter - 1)].outcome.status))));
      row.push_back(L(to_string(line.forecast.state)));
      rows.push_back(std::move(row));
    }
    o += format_table(rows, {Align::Left, Align::Right, Align::Left, Align::Right, Align::Right, Align::Right,
                             Align::Right});
    // Variance explanations with reporter and date, then forecasts to act on.
    std::string notes;
    for (const auto& line : v.objectives) {
      for (int q = 1; q <= quarter; ++q) {
        const Result* r = line.year.quarters[static_cast<std::size_t>(q - 1)].result;
        if (r && !r->variance.empty()) {
          notes += fmt::format("  {} {}: {} ({} {})\n", quarter_name(q, L), line.id,
                               r->variance, who(config, r->reported_by, L), when(r->reported));
        }
      }
    }
    if (!notes.empty()) o += "\n" + L("review.variance") + ":\n" + notes;
    std::string forecasts;
    for (const auto& line : v.objectives) {
      const std::string need = forecast_need(line.forecast, L);
      if (need.empty() || line.forecast.state == Reachability::Achieved) continue;
      forecasts += fmt::format("  {}: {} — {}\n", line.id, L(to_string(line.forecast.state)), need);
    }
    if (!forecasts.empty()) o += "\n" + L("forecast") + ":\n" + forecasts;
    o += "\n" + L("review.confirmation") + ": ";
    if (v.confirmation) {
      o += fmt::format("{} {} ({}){}\n", who(config, v.confirmation->confirmed_by, L), when(v.confirmation->date),
                       v.confirmation->file, v.confirmed ? "" : " — " + L("review.confirmation stale"));
    } else {
      o += L("review.not confirmed") + "\n";
    }
    o += L("opinion") + ": ";
    if (v.recorded) {
      o += fmt::format("{} ({} {}; {} {})\n", v.recorded->opinion, who(config, v.recorded->reviewed_by, L),
                       when(v.recorded->date), L("review.supervisor"), who(config, v.recorded->supervisor, L));
    } else {
      o += L("review.not recorded") + "\n";
    }
    if (!v.missing.empty()) {
      std::string ids;
      for (const auto& id : v.missing) ids += (ids.empty() ? "" : ", ") + id;
      o += fmt::format("{}: {}\n", L("review.missing"), ids);
    }
    std::string referrals;
    for (const auto& line : v.objectives) {
      if (!line.referral_required) continue;
      referrals += fmt::format("  {}: {} {} — {}\n", line.id, quarter_names(line.missed, L), L("review.missed"),
                               line.referral ? fmt::format("{} ({})", line.referral->file,
                                                           L(std::string(to_string(line.referral->state))))
                                             : L("review.referral due"));
    }
    if (!referrals.empty()) o += L("corrective") + ":\n" + referrals;
    o += "\n";
  }
  return o;
}

}  // namespace

std::string review_json(const std::vector<UnitReview>& views, int year, int quarter) {
  using ordered_json = Json;
  const auto num = json_number;
  const auto target = json_target;
  ordered_json j;
  j["format"] = "isms-obj.review/1";
  j["year"] = year;
  j["quarter"] = quarter;
  j["units"] = ordered_json::array();
  for (const auto& v : views) {
    ordered_json u;
    u["unit"] = v.unit;
    u["name"] = v.name;
    u["in_force"] = v.in_force ? ordered_json(v.in_force->file) : ordered_json(nullptr);
    u["missing_results"] = v.missing;
    u["review"] = v.recorded ? ordered_json{{"file", v.recorded->file},
                                            {"reviewed_by", v.recorded->reviewed_by},
                                            {"opinion", v.recorded->opinion},
                                            {"supervisor", v.recorded->supervisor},
                                            {"date", v.recorded->date ? v.recorded->date->iso() : ""}}
                             : ordered_json(nullptr);
    u["confirmation"] = v.confirmation ? ordered_json{{"file", v.confirmation->file},
                                                      {"confirmed_by", v.confirmation->confirmed_by},
                                                      {"date", v.confirmation->date ? v.confirmation->date->iso() : ""},
                                                      {"current", v.confirmed}}
                                       : ordered_json(nullptr);
    u["objectives"] = ordered_json::array();
    for (const auto& line : v.objectives) {
      const auto& d = *line.definition;
      ordered_json o;
      o["id"] = line.id;
      o["item"] = d.item;
      o["last_year_actual"] = line.listed ? num(line.listed->last_year_actual) : ordered_json(nullptr);
      put_measurement(o, d);
      o["method"] = line.listed ? line.listed->method : "";
      o["quarters"] = ordered_json::array();
      for (int q = 1; q <= quarter; ++q) {
        const auto& rec = line.year.quarters[static_cast<std::size_t>(q - 1)];
        ordered_json qj{{"quarter", q},
                        {"value", num(rec.outcome.value)},
                        {"cumulative", num(rec.outcome.cumulative)},
                        {"target", target(rec.outcome.target)},
                        {"pro_rata", rec.outcome.pro_rata},
                        {"status", to_string(rec.outcome.status)}};
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
      o["forecast"] = {{"state", to_string(line.forecast.state)}, {"needed", forecast_need(line.forecast, Labels(Language::En))}};
      o["missed_quarters"] = line.missed;
      o["referral_required"] = line.referral_required;
      o["referral"] = line.referral ? ordered_json(line.referral->file) : ordered_json(nullptr);
      u["objectives"].push_back(o);
    }
    j["units"].push_back(u);
  }
  return json_text(j);
}

std::string review_text(const std::vector<UnitReview>& views, int year, int quarter, const Config& config,
                        Language language, Calendar calendar) {
  return text(views, year, quarter, config, Labels(language), calendar);
}

}  // namespace isms
