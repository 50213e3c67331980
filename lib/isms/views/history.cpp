#include "isms/views/history.h"

#include <algorithm>
#include <tuple>

#include "isms/rules/lifecycle.h"
#include "isms/rules/referral.h"
#include "isms/rules/signature.h"

namespace isms {

namespace {

// Acts of one day in the order the procedure has them happen.
int act_rank(HistoryAct a) {
  switch (a) {
    case HistoryAct::Decided: return 1;
    case HistoryAct::Pending: return 2;
    case HistoryAct::Reported: return 3;
    case HistoryAct::Amended: return 4;
    case HistoryAct::Confirmed: return 5;
    case HistoryAct::Reviewed: return 6;
    case HistoryAct::Corrected: return 7;
    case HistoryAct::ReferralRaised:
    case HistoryAct::ReferralWaived: return 8;
    case HistoryAct::ReferralClosed: return 9;
  }
  return 10;
}

bool earlier(const HistoryEvent& a, const HistoryEvent& b) {
  if (a.date.has_value() != b.date.has_value()) return a.date.has_value();  // undated last
  if (a.date && *a.date != *b.date) return *a.date < *b.date;
  return std::make_tuple(act_rank(a.act), a.revision, a.quarter, a.objective, a.sequence, a.file) <
         std::make_tuple(act_rank(b.act), b.revision, b.quarter, b.objective, b.sequence, b.file);
}

// Keeps the changes that concern `objective` (none of the footer's).
void only(std::vector<RevisionChange>& changes, const std::optional<std::string>& objective) {
  if (!objective) return;
  std::erase_if(changes, [&](const RevisionChange& c) { return c.objective != *objective; });
}

void table_events(const Store& store, const HistoryOptions& o, History& h) {
  const Config& config = *store.config;
  const Approval* in_force = nullptr;  // the latest approved revision before the one at hand
  for (const Approval* a : store.approvals_for(o.year, o.unit)) {
    HistoryEvent d;
    d.act = HistoryAct::Decided;
    d.revision = a->revision;
    d.sequence = a->sequence;
    d.decision = a->decision;
    d.date = a->date;
    d.by = a->by;
    d.file = a->file;
    d.text = a->comment;
    d.keys = signing_keys(config, a->by, a->date, a->signature);
    if (a->decision == Decision::Approved) {
      // What was approved: the snapshot, against the revision in force before.
      d.compiled_by = a->compiled_by;
      d.supervisor = a->supervisor;
      d.updated = a->table_updated;
      d.first = in_force == nullptr;
      if (in_force) {
        d.against = in_force->revision;
        d.changes = compare_revisions(revision_of(*in_force), revision_of(*a));
        d.partial = !in_force->full_snapshot || !a->full_snapshot;
        only(d.changes, o.objective);
      }
      in_force = a;
    }
    h.events.push_back(std::move(d));
  }
  const TableLifecycle life = table_status(store, o.year, o.unit);
  if (!life.table) return;
  const bool awaiting = life.state == TableState::Draft || life.state == TableState::Submitted ||
                        life.state == TableState::PendingReapproval;
  if (!awaiting) return;
  const SettingTable& t = *life.table;
  HistoryEvent e;
  e.act = HistoryAct::Pending;
  e.revision = t.revision;
  e.status = t.status;
  e.date = t.updated;
  e.by = t.compiled_by;
  e.compiled_by = t.compiled_by;
  e.supervisor = t.supervisor;
  e.updated = t.updated;
  e.file = t.file;
  e.first = life.in_force == nullptr;
  if (life.in_force) {
    e.against = life.in_force->revision;
    e.changes = compare_revisions(revision_of(*life.in_force), revision_of(t));
    e.partial = !life.in_force->full_snapshot;
    only(e.changes, o.objective);
  }
  h.events.push_back(std::move(e));
}

void result_events(const Store& store, const HistoryOptions& o, History& h) {
  for (const auto& r : store.results) {
    if (r.year != o.year || r.unit != o.unit || (o.objective && r.objective != *o.objective)) continue;
    HistoryEvent e;
    e.act = r.sequence > 1 ? HistoryAct::Amended : HistoryAct::Reported;
    e.date = r.reported;
    e.by = r.reported_by;
    e.file = r.file;
    e.quarter = r.quarter;
    e.objective = r.objective;
    e.sequence = r.sequence;
    e.value = r.actual;
    e.numerator = r.numerator;
    e.denominator = r.denominator;
    e.text = r.variance;
    e.reason = r.reason;
    if (r.sequence > 1) {
      const Result* before = nullptr;
      for (const auto& p : store.results) {
        if (p.year == r.year && p.quarter == r.quarter && p.unit == r.unit && p.objective == r.objective &&
            p.sequence < r.sequence && (!before || before->sequence < p.sequence)) {
          before = &p;
        }
      }
      if (before) e.previous = before->actual;
      for (const auto& v : store.reviews) {
        if (v.year == r.year && v.quarter == r.quarter && v.unit == r.unit && v.date && r.reported &&
            *v.date < *r.reported && (!e.reviewed_on || *e.reviewed_on < *v.date)) {
          e.reviewed_on = v.date;
        }
      }
    }
    h.events.push_back(std::move(e));
  }
}

void review_events(const Store& store, const HistoryOptions& o, History& h) {
  for (const auto& v : store.reviews) {
    if (v.year != o.year || v.unit != o.unit) continue;
    HistoryEvent e;
    e.act = v.sequence > 1 ? HistoryAct::Corrected : HistoryAct::Reviewed;
    e.date = v.date;
    e.by = v.reviewed_by;
    e.supervisor = v.supervisor;
    e.file = v.file;
    e.quarter = v.quarter;
    e.sequence = v.sequence;
    e.text = v.opinion;
    e.reason = v.sequence > 1 ? v.reason : v.missing_reason;
    for (const auto& op : v.objective_opinions) {
      if (!o.objective || op.first == *o.objective) e.objective_opinions.push_back(op);
    }
    e.keys = signing_keys(*store.config, v.reviewed_by, v.date, v.signature);
    h.events.push_back(std::move(e));
  }
}

void confirmation_events(const Store& store, const HistoryOptions& o, History& h) {
  for (const auto& k : store.confirmations) {
    if (k.year != o.year || k.unit != o.unit) continue;
    HistoryEvent e;
    e.act = HistoryAct::Confirmed;
    e.date = k.date;
    e.by = k.confirmed_by;
    e.file = k.file;
    e.quarter = k.quarter;
    e.sequence = k.sequence;
    for (const auto& r : k.results) {
      if (!o.objective || r.first == *o.objective) e.confirmed.push_back(r);
    }
    e.stale = store.latest_confirmation(k.year, k.quarter, k.unit) == &k && !confirmation_covers(store, k);
    e.keys = signing_keys(*store.config, k.confirmed_by, k.date, k.signature);
    h.events.push_back(std::move(e));
  }
}

void referral_events(const Store& store, const HistoryOptions& o, History& h) {
  for (const auto& r : store.referrals) {
    if (r.year != o.year || r.unit != o.unit || (o.objective && r.objective != *o.objective)) continue;
    HistoryEvent e;
    e.act = r.state == ReferralState::Waived ? HistoryAct::ReferralWaived : HistoryAct::ReferralRaised;
    e.date = r.raised;
    e.by = r.raised_by;
    e.file = r.file;
    e.objective = r.objective;
    e.sequence = r.sequence;
    e.reason = r.waived_reason;
    e.case_number = r.case_number;
    for (const auto& m : r.missed) e.missed.push_back(m.quarter);
    e.keys = signing_keys(*store.config, r.raised_by, r.raised, r.signature);
    if (r.state == ReferralState::Closed) {
      HistoryEvent c = e;
      c.act = HistoryAct::ReferralClosed;
      c.date = r.closed;
      c.by = r.closed_by;
      c.text = r.closing_note;
      c.reason.clear();
      c.keys = signing_keys(*store.config, r.closed_by, r.closed, r.closing_signature);
      h.events.push_back(std::move(e));
      h.events.push_back(std::move(c));
    } else {
      h.events.push_back(std::move(e));
    }
  }
}

}  // namespace

History build_history(const Store& store, const HistoryOptions& options) {
  History h;
  h.options = options;
  if (!store.config) return h;
  const Config& c = *store.config;
  for (const auto& p : c.people) h.people[p.id] = {p.name, p.name_en};
  for (const auto& u : c.units) h.units[u.id] = {u.name, u.name_en};
  if (const Unit* u = c.unit(options.unit)) {
    h.unit_name = u->name;
    h.unit_name_en = u->name_en;
  }
  // Items as last defined: approvals in order, then the table as it is.
  for (const Approval* a : store.approvals_for(options.year, options.unit)) {
    for (const auto& o : a->approved) h.items[o.id] = o.item;
  }
  if (const SettingTable* t = store.setting(options.year, options.unit)) {
    for (const auto& o : t->objectives) h.items[o.id] = o.item;
  }
  table_events(store, options, h);
  result_events(store, options, h);
  confirmation_events(store, options, h);
  review_events(store, options, h);
  referral_events(store, options, h);
  for (auto& e : h.events) {
    if (!e.objective.empty() && h.items.count(e.objective)) e.item = h.items[e.objective];
  }
  std::stable_sort(h.events.begin(), h.events.end(), earlier);
  return h;
}

}  // namespace isms
