#include "isms/rules/change.h"
#include "isms/base/i18n.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace isms {

Date retention_until(int year, int years) { return Date{year + years, 12, 31}; }

namespace {

Mark changed_at(const FileChange& f) { return f.lines.empty() ? Mark{} : Mark{f.lines.front(), 1}; }

template <typename R>
const R* find_file(const std::vector<R>& records, const std::string& path) {
  for (const auto& r : records) {
    if (r.file == path) return &r;
  }
  return nullptr;
}

// A referral may be closed (state, closed, closing note, case number) and
// nothing else: what was missed and who raised it stay as raised, and a
// closed referral stays as closed.
bool only_closed(const Referral& was, const Referral& now) {
  auto same_missed = [&] {
    if (was.missed.size() != now.missed.size()) return false;
    for (std::size_t i = 0; i < was.missed.size(); ++i) {
      const auto &a = was.missed[i], &b = now.missed[i];
      if (a.quarter != b.quarter || a.actual != b.actual || a.cumulative != b.cumulative || a.variance != b.variance) {
        return false;
      }
    }
    return true;
  };
  const bool kept = was.year == now.year && was.unit == now.unit && was.objective == now.objective &&
                    was.raised == now.raised && was.raised_by == now.raised_by && same_missed() &&
                    was.signature == now.signature && was.waived_reason == now.waived_reason &&
                    (was.case_number.empty() || was.case_number == now.case_number);
  const bool closing = was.state == ReferralState::Open ||
                       (now.state == was.state && now.closed == was.closed && now.closing_note == was.closing_note &&
                        now.closed_by == was.closed_by && now.closing_signature == was.closing_signature);
  return kept && closing;
}

void check_deleted(const Store& store, const Store& before, const std::string& base, const FileChange& f,
                   const RecordPath& where, const Config& c, const Date& today, Diagnostics& diags) {
  if (where.kind == RecordKind::Setting) {
    // A draft that was never submitted nor approved is a working copy, not a kept form.
    const SettingTable* was = find_file(before.settings, f.path);
    const bool decided =
        !store.approvals_for(where.year, where.unit).empty() || (was && was->status != TableStatus::Draft);
    if (was && !decided) return;
  }
  const Date until = retention_until(where.year, c.policy.retention_years);
  if (until < today) return;
  diags.report(DiagCode::RetentionDeleted, f.path, Mark{},
               trf("deleted by this change while under retention until {} (§5.7); records are kept — restore "
                           "it with 'git checkout {} -- {}'",
                           until.iso(), base.substr(0, 12), f.path));
}

void check_modified(const Store& store, const Store& before, const FileChange& f, const RecordPath& where,
                    Diagnostics& diags) {
  const Mark at = changed_at(f);
  switch (where.kind) {
    case RecordKind::Approval:
      diags.report(DiagCode::RetentionRewritten, f.path, at,
                   "an approval is never edited: a new decision is a new file ('isms-obj approve' writes it)");
      return;
    case RecordKind::Result:
      diags.report(DiagCode::RetentionRewritten, f.path, at,
                   trf("a recorded result is never edited in place: amend it with 'isms-obj record-quarter "
                               "--year {} --quarter {} --unit {} --objective {} --amend --reason \"…\"', which keeps "
                               "this one",
                               where.year, where.quarter, where.unit, where.objective));
      return;
    case RecordKind::Review:
      diags.report(DiagCode::RetentionRewritten, f.path, at,
                   trf("a recorded review is never edited in place: correct it with 'isms-obj review --year {} "
                               "--quarter {} --unit {} --record … --correct \"why\"', which keeps this one",
                               where.year, where.quarter, where.unit));
      return;
    case RecordKind::Confirmation:
      diags.report(DiagCode::RetentionRewritten, f.path, at,
                   trf("a confirmation is never edited: the unit's head confirms again with 'isms-obj review "
                               "--year {} --quarter {} --unit {} --confirm', which keeps this one",
                               where.year, where.quarter, where.unit));
      return;
    case RecordKind::Referral: {
      const Referral* was = find_file(before.referrals, f.path);
      const Referral* now = find_file(store.referrals, f.path);
      if (was && now && only_closed(*was, *now)) return;
      diags.report(DiagCode::RetentionRewritten, f.path, at,
                   "a referral is edited only to close it (state, closed, closing_note, case_number); what was "
                   "missed and who raised it stay as raised");
      return;
    }
    case RecordKind::Setting: {
      const SettingTable* was = find_file(before.settings, f.path);
      const SettingTable* now = store.setting(where.year, where.unit);
      if (!was || !now) return;  // a table that does not load is reported by the record checks
      if (now->revision < was->revision) {
        diags.report(DiagCode::RetentionUnapprovedChange, f.path, now->marks.at("revision"),
                     trf("revision lowered from {} to {}; revisions only go up", was->revision, now->revision));
        return;
      }
      if (now->revision != was->revision || now->digest == was->digest) return;
      for (const Approval* a : store.approvals_for(where.year, where.unit)) {
        if (a->revision != was->revision || a->decision != Decision::Approved || a->digest != was->digest) continue;
        diags.report(DiagCode::RetentionUnapprovedChange, f.path, at,
                     trf("revision {} was approved{} ({}) and this change edits it in place; a change to an "
                                 "approved table is revision {} ('isms-obj set' writes it), which applies once the "
                                 "CISO approves it (§5.5.3)",
                                 was->revision, a->date ? " on " + a->date->iso() : "", a->file, was->revision + 1));
        return;
      }
      return;
    }
    default:
      return;
  }
}

// Who may add an act: the role it needs, on the day the commit was made.
bool may_add(const Config& c, RecordKind kind, const RecordPath& where, const Person& author, const Date& day) {
  switch (kind) {
    case RecordKind::Approval: {
      const RoleTerm* ciso = c.ciso_on(day);
      return ciso && ciso->person == author.id;
    }
    case RecordKind::Result:
      return c.may_report_for(author, where.unit, day);
    case RecordKind::Review:
      return c.may_review_on(author.id, day);
    case RecordKind::Confirmation: {
      const Unit* u = c.unit(where.unit);
      return u && u->head == author.id;
    }
    default:
      return true;
  }
}

std::string_view role_needed(RecordKind kind) {
  switch (kind) {
    case RecordKind::Approval: return "the CISO";
    case RecordKind::Result: return "of the unit, the security team or the executive secretary";
    case RecordKind::Confirmation: return "the unit's head (權責主管)";
    default: return "the CISO or a deputy (roles: ciso_deputy)";
  }
}

std::string_view kind_plural(RecordKind kind) {
  switch (kind) {
    case RecordKind::Approval: return "approval(s)";
    case RecordKind::Result: return "result(s)";
    case RecordKind::Confirmation: return "confirmation(s)";
    default: return "review(s)";
  }
}

void check_authors(const Store& store, const ChangeSet& change, Diagnostics& diags) {
  const Config& c = *store.config;
  for (const auto& commit : change.commits) {
    if (!commit.date) continue;
    const Person* author = person_by_email(c, commit.email);
    std::map<RecordKind, std::vector<std::string>> unsigned_acts;
    for (const auto& ch : commit.changes) {
      const auto where = classify_path(ch.path);
      if (ch.status != 'A' || !where) continue;
      if (where->kind != RecordKind::Approval && where->kind != RecordKind::Result && where->kind != RecordKind::Review &&
          where->kind != RecordKind::Confirmation) {
        continue;
      }
      // A signed act proves its actor whoever committed it.
      if (const Approval* a = find_file(store.approvals, ch.path); a && !a->signature.empty()) continue;
      if (const Review* v = find_file(store.reviews, ch.path); v && !v->signature.empty()) continue;
      if (const Confirmation* k = find_file(store.confirmations, ch.path); k && !k->signature.empty()) continue;
      if (author && may_add(c, where->kind, *where, *author, *commit.date)) continue;
      unsigned_acts[where->kind].push_back(ch.path);
    }
    for (const auto& [kind, paths] : unsigned_acts) {
      diags.report(DiagCode::ChangeAuthorRole, paths.front(), Mark{1, 1},
                   trf("commit {} by {} adds {} unsigned {}, but {} is not {} on {}{}", commit.hash.substr(0, 12),
                               commit.email, paths.size(), kind_plural(kind),
                               author ? fmt::format("{} ({})", author->name, author->id) : commit.email + " (no person)",
                               role_needed(kind), commit.date->iso(),
                               paths.size() > 1 ? fmt::format(" (first: {})", paths.front()) : ""));
    }
  }
}

}  // namespace

void check_change(const Store& store, const ChangeSet& change, const Date& today, Diagnostics& diags) {
  if (!store.config) return;
  const Config& c = *store.config;
  // The records as they were at the merge base, read by the same pipeline
  // (their own diagnostics are the base's business, not this change's).
  Store before;
  before.config = store.config;
  {
    SchemaValidator validator;
    Diagnostics ignored;
    for (const auto& f : change.files) {
      if (f.status != 'A' && classify_path(f.path)) put_source(&before, validator, f.path, f.before, ignored);
    }
  }
  for (const auto& f : change.files) {
    const auto where = classify_path(f.path);
    if (!where || where->kind == RecordKind::Config) continue;
    if (f.status == 'D') {
      check_deleted(store, before, change.base, f, *where, c, today, diags);
    } else if (f.status == 'M') {
      check_modified(store, before, f, *where, diags);
    } else if (where->kind == RecordKind::Approval) {
      const Approval* a = find_file(store.approvals, f.path);
      if (a && a->signature.empty() && c.policy.signatures_required) {
        // Dated before signing began, but added now: a backdated act.
        if (!c.policy.signature_required_on(a->date) && c.policy.signature_required_on(today)) {
          diags.report(DiagCode::ApprovalUnsigned, f.path, a->marks.at("date"),
                       trf("dated {}, before policy.signatures_from {}, but added by this change: an "
                                   "approval added since signing began is signed whatever its date",
                                   a->date->iso(), c.policy.signatures_from->iso()));
        }
        continue;  // otherwise approval.unsigned says it
      }
      const Person* approver = a ? c.person(a->by) : nullptr;
      if (a && a->signature.empty() && approver && !approver->keys.empty()) {
        diags.report(DiagCode::ChangeUnsigned, f.path, a->marks.at("by"),
                     trf("added unsigned although {} has a key in {} (people: keys); sign it with 'isms-obj "
                                 "approve … --sign-with KEY'",
                                 a->by, kConfigFileName));
      }
    }
  }
  check_authors(store, change, diags);
}

}  // namespace isms
