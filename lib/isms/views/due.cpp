#include "isms/views/due.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "isms/rules/lifecycle.h"
#include "isms/rules/referral.h"

namespace isms {

std::string_view to_string(DueState s) {
  switch (s) {
    case DueState::Late: return "late";
    case DueState::Due: return "due";
    case DueState::Open: return "open";
  }
  return "?";
}

namespace {

void tables(const Store& store, const Date& today, int horizon, std::vector<DueItem>& out) {
  const Config& c = *store.config;
  for (int year : {today.year, today.year + 1}) {
    const Date due = setting_due_date(c.policy, year);
    if (today < due.add_days(-horizon)) continue;
    const bool late = today > due;
    for (const auto& u : c.units) {
      const TableLifecycle s = table_status(store, year, u.id);
      DueItem item;
      item.kind = "setting";
      item.year = year;
      item.unit = u.id;
      item.due = due;
      item.path = s.table ? s.table->file : fmt::format("units/{}/{}/setting.yaml", u.id, year);
      item.state = late ? DueState::Late : DueState::Due;
      switch (s.state) {
        case TableState::Approved: continue;
        case TableState::Missing: item.message = "no setting table (ISMS-P-005-01)"; break;
        case TableState::Draft: item.message = "setting table is still a draft"; break;
        case TableState::Submitted: item.message = "submitted, awaiting the CISO's decision"; break;
        case TableState::Rejected: item.message = "rejected by the CISO; revise and resubmit"; break;
        case TableState::ChangesRequested: item.message = "the CISO requested changes; revise and resubmit"; break;
        case TableState::PendingReapproval:
          item.state = DueState::Open;
          item.due.reset();
          item.message = fmt::format("revision {} pending re-approval; revision {} stays in force",
                                     s.table->revision, s.in_force->revision);
          break;
      }
      // A decision against a revision of an approved table (§5.5.3) is no
      // missed deadline: the approved revision stays in force meanwhile.
      if (s.in_force && (s.state == TableState::Rejected || s.state == TableState::ChangesRequested)) {
        item.state = DueState::Open;
        item.due.reset();
        item.message = fmt::format("revision {}: {}; revision {} stays in force", s.table->revision, item.message,
                                   s.in_force->revision);
      }
      out.push_back(std::move(item));
    }
  }
}

void quarters(const Store& store, const Date& today, std::vector<DueItem>& out) {
  const Config& c = *store.config;
  for (int year : {today.year - 1, today.year}) {
    for (int q = 1; q <= 4; ++q) {
      const Date end = quarter_end(year, q);
      if (today <= end) continue;
      for (const auto& view : review_view(store, year, q, std::nullopt)) {
        if (!view.in_force) continue;
        if (!view.missing.empty()) {
          const Date due = end.add_days(c.policy.results_due_days);
          std::string ids;
          for (const auto& id : view.missing) ids += (ids.empty() ? "" : ", ") + id;
          out.push_back(DueItem{today > due ? DueState::Late : DueState::Due, "results", year, q, view.unit, due,
                                fmt::format("units/{}/{}/results/q{}/", view.unit, year, q),
                                fmt::format("no result for {}", ids), {}});
        }
        if (!view.recorded) {
          const Date due = end.add_days(c.policy.review_due_days);
          out.push_back(DueItem{today > due ? DueState::Late : DueState::Due, "review", year, q, view.unit, due,
                                fmt::format("reviews/{}/q{}/{}.yaml", year, q, view.unit),
                                "no review recorded (ISMS-P-005-02 審核意見)", {}});
        }
        for (const auto& line : view.objectives) {
          if (!line.referral_required || line.referral) continue;
          std::string quarters_missed;
          for (int m : line.missed) quarters_missed += fmt::format("{}Q{}", quarters_missed.empty() ? "" : ", ", m);
          // Raised by the review of the quarter that reached the threshold.
          const bool reviewed = view.recorded != nullptr;
          out.push_back(DueItem{reviewed ? DueState::Late : DueState::Due, "referral", year, q, view.unit,
                                end.add_days(c.policy.review_due_days),
                                fmt::format("referrals/{}/{}/{}.yaml", year, view.unit, line.id),
                                fmt::format("'{}' missed in {}: corrective action (ISMS-P-008) is due", line.id,
                                            quarters_missed),
                                {}});
        }
      }
    }
  }
}

void referrals(const Store& store, std::vector<DueItem>& out) {
  for (const auto& r : store.referrals) {
    if (r.state != ReferralState::Open) continue;
    out.push_back(DueItem{DueState::Open, "referral", r.year, 0, r.unit, std::nullopt, r.file,
                          fmt::format("'{}' corrective action open since {}{}", r.objective,
                                      r.raised ? r.raised->iso() : std::string("?"),
                                      r.case_number.empty() ? std::string(", no ISMS-P-008 case number yet")
                                                            : ", case " + r.case_number),
                          {}});
  }
}

}  // namespace

std::vector<DueItem> due_items(const Store& store, const Date& today, int horizon_days) {
  std::vector<DueItem> out;
  if (!store.config) return out;
  tables(store, today, horizon_days, out);
  quarters(store, today, out);
  referrals(store, out);
  // Duplicate referral items (the same objective over several quarters)
  // collapse to the first quarter that reached the threshold.
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return std::tie(a.path, a.quarter) < std::tie(b.path, b.quarter);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const DueItem& a, const DueItem& b) { return a.kind == "referral" && a.path == b.path; }),
            out.end());
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    const Date far{9999, 12, 31};
    return std::make_tuple(a.state, a.due.value_or(far), a.kind, a.year, a.quarter, a.unit) <
           std::make_tuple(b.state, b.due.value_or(far), b.kind, b.year, b.quarter, b.unit);
  });
  for (auto& i : out) {
    if (const Unit* u = store.config->unit(i.unit)) i.unit_name = u->name;
  }
  return out;
}

DueCounts count_due(const std::vector<DueItem>& items) {
  DueCounts c;
  for (const auto& i : items) (i.state == DueState::Late ? c.late : i.state == DueState::Due ? c.due : c.open) += 1;
  return c;
}

}  // namespace isms
