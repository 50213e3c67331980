#include "isms/views/due.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <tuple>

#include <fmt/format.h>

#include "isms/rules/lifecycle.h"
#include "isms/rules/referral.h"
#include "isms/store/summary_cache.h"
#include "isms/sys/parallel.h"

namespace isms {

std::string_view to_string(DueState s) {
  switch (s) {
    case DueState::Late: return "late";
    case DueState::Due: return "due";
    case DueState::Open: return "open";
  }
  return "?";
}

std::string_view to_string(DueReason r) {
  switch (r) {
    case DueReason::NoTable: return "no-table";
    case DueReason::Draft: return "draft";
    case DueReason::Submitted: return "submitted";
    case DueReason::Rejected: return "rejected";
    case DueReason::ChangesRequested: return "changes-requested";
    case DueReason::PendingReapproval: return "pending-reapproval";
    case DueReason::NoResults: return "no-results";
    case DueReason::NoReview: return "no-review";
    case DueReason::ReferralDue: return "referral-due";
    case DueReason::ReferralOpen: return "referral-open";
  }
  return "?";
}

namespace {

void tables(const Store& store, const Date& today, int horizon, std::vector<DueItem>& out) {
  const Config& c = *store.config;
  for (int year : {today.year, today.year + 1}) {
    const Date due = setting_due_date(c.policy, year);
    if (today < due.add_days(-horizon) || !c.policy.keeps_year(year)) continue;
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
        case TableState::Missing: item.reason = DueReason::NoTable; break;
        case TableState::Draft: item.reason = DueReason::Draft; break;
        case TableState::Submitted: item.reason = DueReason::Submitted; break;
        case TableState::Rejected: item.reason = DueReason::Rejected; break;
        case TableState::ChangesRequested: item.reason = DueReason::ChangesRequested; break;
        case TableState::PendingReapproval: item.reason = DueReason::PendingReapproval; break;
      }
      if (s.table) item.revision = s.table->revision;
      // A revision of an approved table awaiting or refused a decision
      // (§5.5.3) is no missed deadline: the approved revision stays in force.
      if (s.in_force && s.state != TableState::Missing && s.state != TableState::Draft &&
          s.state != TableState::Submitted) {
        item.in_force = s.in_force->revision;
        item.state = DueState::Open;
        item.due.reset();
      }
      out.push_back(std::move(item));
    }
  }
}

// The items owed for one ended quarter.
std::vector<DueItem> quarter_items(const Store& store, const Date& today, int year, int q) {
  const Policy& policy = store.config->policy;
  const Date end = quarter_end(year, q);
  std::vector<DueItem> out;
  for (const auto& view : review_view(store, year, q, std::nullopt)) {
    if (!view.in_force) continue;
    auto item = [&](DueState state, const char* kind, const Date& due, std::string path, DueReason reason) {
      DueItem i;
      i.state = state;
      i.kind = kind;
      i.year = year;
      i.quarter = q;
      i.unit = view.unit;
      i.due = due;
      i.path = std::move(path);
      i.reason = reason;
      return i;
    };
    if (!view.missing.empty()) {
      const Date due = end.add_days(policy.results_due_days);
      DueItem i = item(today > due ? DueState::Late : DueState::Due, "results", due,
                       fmt::format("units/{}/{}/results/q{}/", view.unit, year, q), DueReason::NoResults);
      i.objectives = view.missing;
      out.push_back(std::move(i));
    }
    if (!view.recorded) {
      const Date due = end.add_days(policy.review_due_days);
      out.push_back(item(today > due ? DueState::Late : DueState::Due, "review", due,
                         fmt::format("reviews/{}/q{}/{}.yaml", year, q, view.unit), DueReason::NoReview));
    }
    for (const auto& line : view.objectives) {
      if (!line.referral_required || line.referral) continue;
      // Raised by the review of the quarter that reached the threshold.
      const bool reviewed = view.recorded != nullptr;
      DueItem i = item(reviewed ? DueState::Late : DueState::Due, "referral", end.add_days(policy.review_due_days),
                       fmt::format("referrals/{}/{}/{}.yaml", year, view.unit, line.id), DueReason::ReferralDue);
      i.objectives = {line.id};
      i.quarters = line.missed;
      out.push_back(std::move(i));
    }
  }
  return out;
}

void quarters(const Store& store, const Date& today, const std::map<int, std::vector<DueItem>>& earlier,
              std::vector<DueItem>& out) {
  std::vector<std::pair<int, int>> ended;
  for (int year : {today.year - 1, today.year}) {
    if (!store.config->policy.keeps_year(year) || earlier.count(year)) continue;
    for (int q = 1; q <= 4; ++q) {
      if (today > quarter_end(year, q)) ended.emplace_back(year, q);
    }
  }
  // Each ended quarter's view evaluates every objective of every unit: the
  // quarters are shared out to threads, each keeping one view at a time,
  // and their items are joined in (year, quarter) order.
  std::vector<std::vector<DueItem>> items(ended.size());
  std::atomic<std::size_t> next{0};
  store.prepare_lookups();
  run_workers(worker_count(ended.size(), 1), [&](std::size_t) {
    for (std::size_t k; (k = next++) < ended.size();) items[k] = quarter_items(store, today, ended[k].first, ended[k].second);
  });
  for (const auto& [year, given] : earlier) {
    if (year == today.year - 1 || year == today.year) out.insert(out.end(), given.begin(), given.end());
  }
  for (auto& part : items) out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
}

void referrals(const Store& store, std::vector<DueItem>& out) {
  for (const auto& r : store.referrals) {
    if (r.state != ReferralState::Open) continue;
    DueItem i;
    i.state = DueState::Open;
    i.kind = "referral";
    i.year = r.year;
    i.unit = r.unit;
    i.path = r.file;
    i.reason = DueReason::ReferralOpen;
    i.objectives = {r.objective};
    i.since = r.raised;
    i.case_number = r.case_number;
    out.push_back(std::move(i));
  }
}

}  // namespace

std::vector<DueItem> due_items(const Store& store, const Date& today, int horizon_days,
                               const std::map<int, std::vector<DueItem>>& earlier) {
  std::vector<DueItem> out;
  if (!store.config) return out;
  tables(store, today, horizon_days, out);
  quarters(store, today, earlier, out);
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

std::vector<DueItem> year_quarter_items(const Store& store, const Date& today, int year) {
  std::vector<DueItem> out;
  if (!store.config || !store.config->policy.keeps_year(year)) return out;
  store.prepare_lookups();
  for (int q = 1; q <= 4; ++q) {
    if (!(today > quarter_end(year, q))) continue;
    auto part = quarter_items(store, today, year, q);
    out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  return out;
}

Date quarters_settle(const Policy& policy, int year) {
  return quarter_end(year, 4).add_days(std::max({policy.results_due_days, policy.review_due_days, 0}));
}

namespace {

constexpr std::int64_t kCount = std::numeric_limits<int>::max();

void put_date(SummaryWriter& w, const std::optional<Date>& d) { d ? w.text(d->iso()) : w.word("none"); }

std::optional<Date> get_date(SummaryReader& r, bool* ok) {
  if (r.accept("none")) return std::nullopt;
  auto d = Date::parse(r.text());
  if (!d) *ok = false;
  return d;
}

}  // namespace

std::string encode_due_items(const Date& settled_after, const std::vector<DueItem>& items) {
  SummaryWriter w;
  w.word("due-items-1").text(settled_after.iso()).number(static_cast<std::int64_t>(items.size())).line();
  for (const auto& i : items) {
    w.word("item").number(static_cast<int>(i.state)).text(i.kind).number(i.year).number(i.quarter).text(i.unit);
    put_date(w, i.due);
    w.text(i.path).number(static_cast<int>(i.reason)).number(i.revision).number(i.in_force);
    w.number(static_cast<std::int64_t>(i.objectives.size()));
    for (const auto& o : i.objectives) w.text(o);
    w.number(static_cast<std::int64_t>(i.quarters.size()));
    for (int q : i.quarters) w.number(q);
    put_date(w, i.since);
    w.text(i.case_number).line();
  }
  w.word("end").line();
  return std::move(w).body();
}

std::optional<KeptItems> decode_due_items(std::string_view body) {
  SummaryReader r(body);
  bool ok = true;
  KeptItems out;
  r.expect("due-items-1");
  const auto settled = Date::parse(r.text());
  const std::int64_t n = r.number(0, kCount);
  r.line();
  for (std::int64_t k = 0; r.ok() && ok && k < n; ++k) {
    DueItem i;
    r.expect("item");
    i.state = static_cast<DueState>(r.number(0, static_cast<int>(DueState::Open)));
    i.kind = r.text();
    i.year = static_cast<int>(r.number(0, 9999));
    i.quarter = static_cast<int>(r.number(0, 4));
    i.unit = r.text();
    i.due = get_date(r, &ok);
    i.path = r.text();
    i.reason = static_cast<DueReason>(r.number(0, static_cast<int>(DueReason::ReferralOpen)));
    i.revision = static_cast<int>(r.number(0, kCount));
    i.in_force = static_cast<int>(r.number(0, kCount));
    for (std::int64_t m = r.number(0, kCount), j = 0; r.ok() && j < m; ++j) i.objectives.push_back(r.text());
    for (std::int64_t m = r.number(0, kCount), j = 0; r.ok() && j < m; ++j) {
      i.quarters.push_back(static_cast<int>(r.number(1, 4)));
    }
    i.since = get_date(r, &ok);
    i.case_number = r.text();
    r.line();
    out.items.push_back(std::move(i));
  }
  r.expect("end");
  r.line();
  if (!r.done() || !ok || !settled) return std::nullopt;
  out.settled_after = *settled;
  return out;
}

bool earlier_quarter_items(Env& env, const std::filesystem::path& root, const std::string& tool_id, int year,
                           const Date& today, const std::function<bool(const LoadOptions&, Store*)>& load,
                           std::vector<DueItem>* out) {
  return summarised(
      env, root, tool_id, LoadScope{{year}, {}}, fmt::format("status/{}", year),
      [&](std::string_view body) {
        auto kept = decode_due_items(body);
        if (!kept || !(today > kept->settled_after)) return false;
        *out = std::move(kept->items);
        return true;
      },
      load,
      [&](const Store& store) -> std::optional<std::string> {
        *out = year_quarter_items(store, today, year);
        if (!store.config) return std::nullopt;
        const Date settle = quarters_settle(store.config->policy, year);
        if (!(today > settle)) return std::nullopt;  // good for today alone
        return encode_due_items(settle, *out);
      });
}

DueCounts count_due(const std::vector<DueItem>& items) {
  DueCounts c;
  for (const auto& i : items) (i.state == DueState::Late ? c.late : i.state == DueState::Due ? c.due : c.open) += 1;
  return c;
}

}  // namespace isms
