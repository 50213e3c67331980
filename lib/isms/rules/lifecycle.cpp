#include "isms/rules/lifecycle.h"
#include "isms/base/i18n.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>


namespace isms {

std::string_view to_string(TableState s) {
  switch (s) {
    case TableState::Missing: return "missing";
    case TableState::Draft: return "draft";
    case TableState::Submitted: return "submitted";
    case TableState::Approved: return "approved";
    case TableState::PendingReapproval: return "pending re-approval";
    case TableState::Rejected: return "rejected";
    case TableState::ChangesRequested: return "changes requested";
  }
  return "?";
}

TableLifecycle table_status(const Store& store, int year, std::string_view unit) {
  TableLifecycle s;
  s.year = year;
  s.unit = unit;
  s.table = store.setting(year, unit);
  const auto& approvals = store.approvals_for(year, unit);
  for (const Approval* a : approvals) {
    if (a->decision == Decision::Approved) s.in_force = a;
  }
  if (!s.table) return s;
  s.digest = s.table->digest;
  for (const Approval* a : approvals) {
    if (a->digest == s.digest) s.decision = a;
  }
  if (s.in_force && s.in_force->digest == s.digest) {
    s.state = TableState::Approved;
    s.decision = s.in_force;
  } else if (s.decision && s.decision->decision == Decision::Rejected) {
    s.state = TableState::Rejected;
  } else if (s.decision && s.decision->decision == Decision::ChangesRequested) {
    s.state = TableState::ChangesRequested;
  } else if (s.in_force) {
    s.state = TableState::PendingReapproval;
    s.decision = nullptr;
  } else {
    s.state = s.table->status == TableStatus::Submitted ? TableState::Submitted : TableState::Draft;
  }
  return s;
}

const Approval* in_force_for_quarter(const Store& store, int year, std::string_view unit, int quarter) {
  const Date end = quarter_end(year, quarter);
  const Approval* first = nullptr;
  const Approval* latest = nullptr;
  for (const Approval* a : store.approvals_for(year, unit)) {
    if (a->decision != Decision::Approved) continue;
    if (!first || (a->date && first->date && *a->date < *first->date)) first = a;
    if (a->date && *a->date <= end) latest = a;
  }
  return latest ? latest : first;
}

Date setting_due_date(const Policy& policy, int year) {
  const int day = std::min(policy.setting_due_day, Date::days_in_month(year - 1, policy.setting_due_month));
  return Date{year - 1, policy.setting_due_month, day};
}

namespace {

std::string approval_ref(const Approval& a) { return fmt::format("revision {} ({})", a.revision, a.file); }

}  // namespace

void check_lifecycle(const Store& store, const std::optional<Date>& today, Diagnostics& diags) {
  if (!store.config) return;
  const Config& config = *store.config;

  for (const auto& a : store.approvals) {
    if (a.date && config.person(a.by)) {
      const RoleTerm* ciso = config.ciso_on(*a.date);
      if (!ciso || ciso->person != a.by) {
        diags.report(DiagCode::ApprovalNotCiso, a.file, a.marks.at("by"),
                    ciso ? trf("'{}' did not hold the CISO role on {}; '{}' did", a.by, a.date->iso(),
                                       ciso->person)
                         : trf("'{}' did not hold the CISO role on {}; nobody did", a.by, a.date->iso()));
      }
    }
    const SettingTable* table = store.setting(a.year, a.unit);
    if (!table) {
      diags.report(DiagCode::ApprovalOrphan, a.file, a.marks.root(),
                  trf("approval of a table that does not exist (units/{}/{}/setting.yaml)", a.unit, a.year));
      continue;
    }
    if (a.revision > table->revision) {
      diags.report(DiagCode::ApprovalRevisionAhead, a.file, a.marks.at("revision"),
                  trf("approves revision {} but {} is at revision {}", a.revision, table->file,
                              table->revision));
    }
    const std::string& digest = table->digest;
    if (a.revision == table->revision && a.by == table->compiled_by) {
      diags.report(DiagCode::ApprovalSelfApproval, a.file, a.marks.at("by"),
                  trf("'{}' compiled this table and may not decide on it (segregation of duties)", a.by));
    }
    if (a.digest == digest && a.decision == Decision::Approved) {
      // The snapshot must describe the very content the digest covers.
      std::string table_side, snapshot_side;
      for (const auto& o : table->objectives) table_side += o.measurement + "\n";
      for (const auto& o : a.approved) snapshot_side += o.measurement + "\n";
      if (table_side != snapshot_side) {
        diags.report(DiagCode::ApprovalSnapshotMismatch, a.file, a.marks.at("approved"),
                    trf("'approved' does not match the measurement definitions of {} although the digest "
                                "does; list each objective's id, item, comparison, target, unit, precision, "
                                "aggregation (and numerator, denominator, quarter_targets) as in the table",
                                table->file));
      } else if (a.full_snapshot) {
        // A full snapshot repeats every column and the footer as well.
        std::string table_all, snapshot_all;
        for (const auto& o : table->objectives) table_all += o.content + "\n";
        for (const auto& o : a.approved) snapshot_all += o.content + "\n";
        if (table_all != snapshot_all || a.compiled_by != table->compiled_by || a.supervisor != table->supervisor) {
          diags.report(DiagCode::ApprovalSnapshotMismatch, a.file, a.marks.at("approved"),
                      trf("'approved' (with compiled_by and supervisor) does not match the content of {} "
                                  "although the digest does; a full snapshot repeats every objective's fields and "
                                  "the footer as in the table",
                                  table->file));
        }
      }
    }
  }

  // What stays in force while a change awaits approval, objective by objective.
  auto in_force_detail = [](const SettingTable& table, const Approval& in_force) {
    std::string out;
    for (const auto& snap : in_force.approved) {
      const Objective* now = table.objective(snap.id);
      if (!now) {
        out += trf("; '{}' (removed here) stays in force", snap.id);
      } else if (now->measurement != snap.measurement) {
        out += trf("; '{}' stays at {} (this revision: {})", snap.id,
                           target_text(snap.comparison, snap.target), target_text(now->comparison, now->target));
      }
    }
    for (const auto& o : table.objectives) {
      bool known = false;
      for (const auto& snap : in_force.approved) known = known || snap.id == o.id;
      if (!known) out += trf("; '{}' (new here) is not in force", o.id);
    }
    return out;
  };

  std::set<std::pair<int, std::string>> tables;
  for (const auto& t : store.settings) tables.emplace(t.year, t.unit);
  for (const auto& [year, unit] : tables) {
    const TableLifecycle s = table_status(store, year, unit);
    if (s.state != TableState::PendingReapproval) continue;
    const bool same_revision = s.table->revision == s.in_force->revision;
    diags.report(DiagCode::SettingPendingReapproval, s.table->file,
                  same_revision ? s.table->marks.at("revision") : s.table->marks.root(),
                  same_revision
                      ? trf("changed since the CISO approved revision {} ({}) but 'revision' was not "
                                    "raised; raise it to {} and submit; revision {} stays in force until approved{}",
                                    s.in_force->revision, s.in_force->file, s.in_force->revision + 1,
                                    s.in_force->revision, in_force_detail(*s.table, *s.in_force))
                      : trf("pending re-approval: {} stays in force until the CISO approves revision {}{}",
                                    approval_ref(*s.in_force), s.table->revision,
                                    in_force_detail(*s.table, *s.in_force)));
  }

  if (!today) return;
  // Tables are due for the coming year once its due date has passed, and are
  // overdue for the running year whenever none was submitted.
  for (int year : {today->year, today->year + 1}) {
    const Date due = setting_due_date(config.policy, year);
    if (*today <= due || !config.policy.keeps_year(year)) continue;
    if (!store.scope.covers_year(year)) continue;
    for (const auto& unit : config.units) {
      if (!store.scope.covers_unit(unit.id)) continue;
      const TableLifecycle s = table_status(store, year, unit.id);
      if (s.state != TableState::Missing && s.state != TableState::Draft) continue;
      diags.report(DiagCode::DeadlineSettingLate, std::string(kConfigFileName), unit.marks.at("id"),
                    s.state == TableState::Missing
                        ? trf("unit '{}' has no setting table for {} (due {})", unit.id, year, due.iso())
                        : trf("unit '{}': the {} setting table is still a draft (due {}); set 'status: "
                                      "submitted' when ready",
                                      unit.id, year, due.iso()));
    }
  }
}

}  // namespace isms
