#include "isms/views/report.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include <fmt/format.h>

#include "isms/rules/referral.h"
#include "isms/rules/signature.h"
#include "isms/store/summary_cache.h"

namespace isms {

namespace {

QuarterStatus status_at(const ObjectiveYear& y, int quarter) {
  return y.quarters[static_cast<std::size_t>(quarter - 1)].outcome.status;
}

std::optional<Decimal> rate(int achieved, int judged) {
  return Decimal::ratio(Decimal::from_int(achieved), Decimal::from_int(judged), 100, 1);
}

// Achievement of one unit's objectives at quarter `through` of `year`.
std::pair<int, int> achievement_of(const Store& store, int year, const std::string& unit, int through) {
  const Approval* a = in_force_for_quarter(store, year, unit, through);
  if (!a) return {0, 0};
  int achieved = 0, judged = 0;
  for (const auto& def : a->approved) {
    const auto s = status_at(evaluate(store, year, unit, def.id, through), through);
    if (!isms::judged(s)) continue;
    ++judged;
    if (s == QuarterStatus::Met || s == QuarterStatus::OnTrack) ++achieved;
  }
  return {achieved, judged};
}

// An objective of the year, with the approval its definition comes from.
struct YearObjective {
  const Objective* def = nullptr;
  const Approval* from = nullptr;
  const Approval* dropped_by = nullptr;  // set when the approval in force at `through` no longer has it
};

// Every objective the unit had in force in some quarter 1..through, in the
// order of the revision in force at `through`, then those a later revision
// dropped, in their own order, each with its latest approved definition.
std::vector<YearObjective> objectives_of_year(const Store& store, int year, const std::string& unit, int through) {
  std::vector<YearObjective> out;
  const Approval* now = in_force_for_quarter(store, year, unit, through);
  if (!now) return out;
  for (const auto& def : now->approved) out.push_back({&def, now, nullptr});
  std::vector<YearObjective> dropped;
  for (int q = through - 1; q >= 1; --q) {
    const Approval* then = in_force_for_quarter(store, year, unit, q);
    if (!then || then == now) continue;
    for (const auto& def : then->approved) {
      const auto known = [&](const YearObjective& e) { return e.def->id == def.id; };
      if (std::any_of(out.begin(), out.end(), known) || std::any_of(dropped.begin(), dropped.end(), known)) continue;
      dropped.push_back({&def, then, now});
    }
  }
  out.insert(out.end(), dropped.begin(), dropped.end());
  return out;
}

}  // namespace

int last_due_quarter(const Policy& policy, int year, const Date& today) {
  int due = 0;
  for (int q = 1; q <= 4; ++q) {
    if (quarter_end(year, q).add_days(policy.results_due_days) <= today) due = q;
  }
  return due;
}

YearFacts year_facts(const Store& store, int year) {
  YearFacts out;
  if (!store.config) return out;
  for (const auto& u : store.config->units) {
    UnitYearFacts& f = out[u.id];
    std::tie(f.achieved, f.judged) = achievement_of(store, year, u.id, 4);
    if (const Approval* a = in_force_for_quarter(store, year, u.id, 4)) {
      // Of two definitions with one id (an invalid approval), the later.
      for (const auto& def : a->approved) f.cumulative[def.id] = cumulative(store, def, year, u.id, 4);
    }
  }
  return out;
}

std::string encode_year_facts(const YearFacts& facts) {
  SummaryWriter w;
  w.word("year-facts-1").line();
  for (const auto& [unit, f] : facts) {
    w.word("unit").text(unit).number(f.achieved).number(f.judged).number(static_cast<std::int64_t>(f.cumulative.size())).line();
    for (const auto& [id, c] : f.cumulative) {
      w.word("objective").text(id);
      c.value ? w.number(c.value->units()) : w.word("none");
      w.number(c.last_quarter).line();
    }
  }
  w.word("end").line();
  return std::move(w).body();
}

std::optional<YearFacts> decode_year_facts(std::string_view body) {
  constexpr std::int64_t kCount = std::numeric_limits<int>::max();
  SummaryReader r(body);
  YearFacts out;
  r.expect("year-facts-1");
  r.line();
  while (r.ok() && !r.accept("end")) {
    r.expect("unit");
    const std::string unit = r.text();
    UnitYearFacts f;
    f.achieved = static_cast<int>(r.number(0, kCount));
    f.judged = static_cast<int>(r.number(0, kCount));
    const std::int64_t objectives = r.number(0, kCount);
    r.line();
    for (std::int64_t i = 0; r.ok() && i < objectives; ++i) {
      r.expect("objective");
      const std::string id = r.text();
      Cumulative c;
      if (!r.accept("none")) c.value = Decimal::from_units(r.number(-Decimal::kMaxAbsUnits, Decimal::kMaxAbsUnits));
      c.last_quarter = static_cast<int>(r.number(0, 4));
      r.line();
      f.cumulative[id] = c;
    }
    out[unit] = std::move(f);
  }
  r.line();
  if (!r.done()) return std::nullopt;
  return out;
}

bool earlier_year_facts(Env& env, const std::filesystem::path& root, const std::string& tool_id, int year,
                        const std::set<std::string>& units,
                        const std::function<bool(const LoadOptions&, Store*)>& load, YearFacts* out,
                        const ScopeSnapshot* given) {
  return summarised(
      env, root, tool_id, LoadScope{{year}, units}, year_facts_summary(year, units),
      [&](std::string_view body) {
        auto facts = decode_year_facts(body);
        if (facts) *out = std::move(*facts);
        return facts.has_value();
      },
      load,
      [&](const Store& store) -> std::optional<std::string> {
        *out = year_facts(store, year);
        return encode_year_facts(*out);
      },
      given);
}

std::string year_facts_summary(int year, const std::set<std::string>& units) {
  return units.empty() ? fmt::format("report/{}", year) : std::string();
}

Report build_report(const Store& store, const ReportOptions& options) {
  Report r;
  r.options = options;
  if (!store.config) return r;
  const Config& c = *store.config;
  const bool zh = options.language == Language::ZhTW;
  r.organisation = zh || c.org_name_en.empty() ? c.org_name : c.org_name_en;
  r.org_name = c.org_name;
  r.org_name_en = c.org_name_en;
  for (const auto& p : c.people) r.people[p.id] = PersonNames{p.name, p.name_en};
  for (const auto& u : c.units) r.unit_names[u.id] = zh || u.name_en.empty() ? u.name : u.name_en;
  // An earlier year's facts: given, or else computed from the store.
  std::map<int, YearFacts> computed;
  const UnitYearFacts none;
  const auto facts_of = [&](int year, const std::string& unit) -> const UnitYearFacts& {
    auto given = options.earlier.find(year);
    if (given == options.earlier.end()) {
      given = computed.find(year);
      if (given == computed.end()) given = computed.emplace(year, year_facts(store, year)).first;
    }
    const auto it = given->second.find(unit);
    return it == given->second.end() ? none : it->second;
  };
  int all_achieved = 0, all_judged = 0, last_achieved = 0, last_judged = 0;
  for (const auto& u : c.units) {
    if (options.unit && u.id != *options.unit) continue;
    const UnitYearFacts& last_year = facts_of(options.year - 1, u.id);
    UnitReport ur;
    ur.id = u.id;
    ur.name = zh || u.name_en.empty() ? u.name : u.name_en;
    ur.table = table_status(store, options.year, u.id);
    ur.in_force = in_force_for_quarter(store, options.year, u.id, options.through);
    for (int quarter = 1; quarter <= 4; ++quarter) {
      const auto q = static_cast<std::size_t>(quarter - 1);
      if (const Confirmation* k = store.latest_confirmation(options.year, quarter, u.id)) {
        ur.confirmations[q] = k;
        ur.confirmed[q] = confirmation_covers(store, *k);
        ur.confirmation_keys[q] = signing_keys(c, k->confirmed_by, k->date, k->signature);
      }
      const Review* v = store.latest_review(options.year, quarter, u.id);
      if (!v) continue;
      ur.reviews[q] = v;
      ur.review_keys[q] = signing_keys(c, v->reviewed_by, v->date, v->signature);
    }
    if (ur.in_force) ur.approval_keys = signing_keys(c, ur.in_force->by, ur.in_force->date, ur.in_force->signature);
    if (ur.table.table) ++r.tables;
    if (ur.in_force) {
      ++r.approved_tables;
      const SettingTable* tb = ur.table.table;
      const bool table_as_approved = tb && tb->digest == ur.in_force->digest;
      ur.columns_unapproved = !ur.in_force->full_snapshot && !table_as_approved;
      if (ur.in_force->full_snapshot) {
        ur.compiled_by = ur.in_force->compiled_by;
        ur.supervisor = ur.in_force->supervisor;
        ur.updated = ur.in_force->table_updated;
      } else if (tb) {
        ur.compiled_by = tb->compiled_by;
        ur.supervisor = tb->supervisor;
        if (tb->revision == ur.in_force->revision) ur.updated = tb->updated;
      }
      if (tb && !table_as_approved) {
        ur.pending_revision = tb->revision;
        ur.pending = compare_revisions(revision_of(*ur.in_force), revision_of(*tb));
        ur.changes_partial = !ur.in_force->full_snapshot;
      }
      for (const auto& [def, from, dropped_by] : objectives_of_year(store, options.year, u.id, options.through)) {
        ObjectiveReport o;
        o.id = def->id;
        o.definition = def;
        o.dropped_by = dropped_by;
        o.listed = from->full_snapshot ? def : tb ? tb->objective(def->id) : nullptr;
        o.year = evaluate(store, options.year, u.id, def->id, options.through);
        o.status = status_at(o.year, options.through);
        o.forecast = dropped_by ? Forecast{}
                                : forecast(*def, values_of(store, options.year, u.id, def->id), options.through);
        for (const auto& ref : store.referrals) {
          if (ref.year == options.year && ref.unit == u.id && ref.objective == def->id) o.referrals.push_back(&ref);
        }
        o.last_year.year = options.year - 1;
        if (const auto then = last_year.cumulative.find(def->id); then != last_year.cumulative.end()) {
          o.last_year_cumulative = then->second.value;
          if (then->second.value) o.last_year = {then->second.value, options.year - 1, then->second.last_quarter, true};
        }
        if (!o.last_year.from_records && o.listed && o.listed->last_year_actual) {
          o.last_year.value = o.listed->last_year_actual;
          o.last_year.through = o.listed->last_year_through.value_or(0);
        }
        if (dropped_by) {
          // Its results stay on the record; it no longer counts toward the
          // unit's achievement.
          ur.objectives.push_back(std::move(o));
          continue;
        }
        switch (o.status) {
          case QuarterStatus::Met: ++ur.met; break;
          case QuarterStatus::NotMet: ++ur.not_met; break;
          case QuarterStatus::OnTrack: ++ur.on_track; break;
          case QuarterStatus::NoData: ++ur.no_data; break;
          case QuarterStatus::NoEvents: ++ur.no_events; break;
        }
        ur.objectives.push_back(std::move(o));
      }
    }
    const int judged = ur.met + ur.not_met + ur.on_track;
    ur.achievement = rate(ur.met + ur.on_track, judged);
    ur.last_year_achievement = rate(last_year.achieved, last_year.judged);
    all_achieved += ur.met + ur.on_track;
    all_judged += judged;
    last_achieved += last_year.achieved;
    last_judged += last_year.judged;
    if (options.trend_from > 0) {
      for (int y = options.trend_from; y < options.year; ++y) {
        const UnitYearFacts& then = facts_of(y, u.id);
        ur.trend.push_back({y, 4, then.achieved, then.judged, rate(then.achieved, then.judged)});
      }
      ur.trend.push_back({options.year, options.through, ur.met + ur.on_track, judged, ur.achievement});
    }
    ur.counted = ur.met + ur.not_met + ur.on_track + ur.no_data + ur.no_events;
    r.objectives += ur.counted;
    r.met += ur.met;
    r.not_met += ur.not_met;
    r.on_track += ur.on_track;
    r.no_data += ur.no_data;
    r.no_events += ur.no_events;
    r.units.push_back(std::move(ur));
  }
  r.achievement = rate(all_achieved, all_judged);
  r.last_year_achievement = rate(last_achieved, last_judged);
  if (options.trend_from > 0) {
    for (int y = options.trend_from; y <= options.year; ++y) {
      YearRate total{y, y == options.year ? options.through : 4, 0, 0, std::nullopt};
      for (const auto& u : r.units) {
        const YearRate& ur = u.trend[static_cast<std::size_t>(y - options.trend_from)];
        total.achieved += ur.achieved;
        total.judged += ur.judged;
      }
      total.rate = rate(total.achieved, total.judged);
      r.trend.push_back(total);
    }
    // The trend starts with the first year anything was judged.
    std::size_t first = 0;
    while (first + 1 < r.trend.size() && r.trend[first].judged == 0) ++first;
    const auto cut = static_cast<std::ptrdiff_t>(first);
    r.trend.erase(r.trend.begin(), r.trend.begin() + cut);
    for (auto& u : r.units) u.trend.erase(u.trend.begin(), u.trend.begin() + cut);
  }
  return r;
}

}  // namespace isms
