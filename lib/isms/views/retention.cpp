#include "isms/views/retention.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/referral.h"

namespace isms {

Date retention_until(const Store& store, const std::string& path, const Policy& policy) {
  const auto where = classify_path(path);
  const int year = where ? where->year : 0;
  if (!policy.retention_from_record_date) return retention_until(year, policy.retention_years);
  std::optional<Date> stated;
  for (const auto& t : store.settings) if (t.file == path) stated = t.updated;
  for (const auto& a : store.approvals) if (a.file == path) stated = a.date;
  for (const auto& r : store.results) if (r.file == path) stated = r.reported;
  for (const auto& v : store.reviews) if (v.file == path) stated = v.date;
  for (const auto& k : store.confirmations) if (k.file == path) stated = k.date;
  if (!stated) return retention_until(year, policy.retention_years);
  const int y = stated->year + policy.retention_years;
  return Date{y, stated->month, std::min(stated->day, Date::days_in_month(y, stated->month))};
}

namespace {

bool under_rule(RecordKind k) {
  return k == RecordKind::Setting || k == RecordKind::Approval || k == RecordKind::Result || k == RecordKind::Review ||
         k == RecordKind::Confirmation;
}

// Records that are never edited in place: a change is a new file.
bool append_only(RecordKind k) {
  return k == RecordKind::Approval || k == RecordKind::Result || k == RecordKind::Review ||
         k == RecordKind::Confirmation;
}

std::string who(const Commit& c) { return fmt::format("{} <{}>", c.author, c.email); }

void missing_records(const Store& store, const Date& today, int years, RetentionReport& r) {
  const Config& c = *store.config;
  std::set<int> all_years;
  for (const auto& t : store.settings) all_years.insert(t.year);
  for (const auto& v : store.reviews) all_years.insert(v.year);
  for (const auto& x : store.results) all_years.insert(x.year);
  for (int year : all_years) {
    if (!c.policy.keeps_year(year)) continue;
    if (retention_until(year, years) < today) continue;  // past retention: nothing is required any more
    for (const auto& u : c.units) {
      bool reviewed = false;
      for (const auto& v : store.reviews) reviewed = reviewed || (v.year == year && v.unit == u.id);
      if (reviewed && !in_force_for_quarter(store, year, u.id, 4)) {
        r.findings.push_back({DiagCode::RetentionMissing, fmt::format("units/{}/{}/setting.yaml", u.id, year), "", "", std::nullopt,
                              trf("unit '{}' has reviews for {} but no approved setting table", u.id, year)});
      }
    }
    for (int q = 1; q <= 4; ++q) {
      const Date end = quarter_end(year, q);
      for (const auto& view : review_view(store, year, q, std::nullopt)) {
        if (!view.in_force) continue;
        if (!view.missing.empty() && end.add_days(c.policy.results_due_days) < today) {
          std::string ids;
          for (const auto& id : view.missing) ids += (ids.empty() ? "" : ", ") + id;
          r.findings.push_back({DiagCode::RetentionMissing, fmt::format("units/{}/{}/results/q{}/", view.unit, year, q), "", "",
                                std::nullopt, trf("Q{} {} results of '{}' were due by {} and are missing: {}", q, year,
                                                          view.unit, end.add_days(c.policy.results_due_days).iso(), ids)});
        }
        if (!view.recorded && end.add_days(c.policy.review_due_days) < today) {
          r.findings.push_back({DiagCode::RetentionMissing, fmt::format("reviews/{}/q{}/{}.yaml", year, q, view.unit), "", "",
                                std::nullopt, trf("the Q{} {} review of '{}' was due by {} and is missing", q, year,
                                                          view.unit, end.add_days(c.policy.review_due_days).iso())});
        }
      }
    }
  }
}

void history_findings(const Store& store, const std::vector<Commit>& history, int years, RetentionReport& r) {
  const Config& c = *store.config;
  std::set<std::string> present;
  for (const auto& s : store.sources) present.insert(s->path);
  std::map<std::string, const Commit*> last_change;
  // Provenance findings are grouped per commit: a bulk import is one answer.
  std::map<std::pair<std::string, DiagCode>, std::vector<std::string>> provenance;
  std::map<std::string, const Commit*> by_hash;
  for (const auto& commit : history) {
    by_hash[commit.hash] = &commit;
    for (const auto& ch : commit.changes) {
      const auto where = classify_path(ch.path);
      if (!where || !under_rule(where->kind)) continue;
      last_change[ch.path] = &commit;
      // A deleted file's own date is gone with it: deletions count from the year's end.
      const Date until = retention_until(where->year, years);
      if (ch.status == 'D' && commit.date && *commit.date <= until && !present.count(ch.path)) {
        r.findings.push_back({DiagCode::RetentionDeleted, ch.path, commit.hash, who(commit), commit.date,
                              trf("deleted on {} while under retention until {}", commit.date->iso(), until.iso())});
      }
      if (ch.status == 'M' && append_only(where->kind)) {
        r.findings.push_back({DiagCode::RetentionRewritten, ch.path, commit.hash, who(commit), commit.date,
                              "changed in place; an approval, result, review or confirmation is never edited — "
                              "amendments and new decisions are new files"});
      }
      if (ch.status != 'A' || !commit.date) continue;
      const Person* author = person_by_email(c, commit.email);
      if (where->kind == RecordKind::Approval) {
        const RoleTerm* ciso = c.ciso_on(*commit.date);
        if (!author || !ciso || author->id != ciso->person) {
          provenance[{commit.hash, DiagCode::ProvenanceApprovalAuthor}].push_back(ch.path);
        }
      } else if (where->kind == RecordKind::Result) {
        const bool allowed = author && c.may_report_for(*author, where->unit, *commit.date);
        if (!allowed) provenance[{commit.hash, DiagCode::ProvenanceResultAuthor}].push_back(ch.path);
      }
    }
  }
  for (const auto& [key, paths] : provenance) {
    const Commit& commit = *by_hash.at(key.first);
    const bool approvals = key.second == DiagCode::ProvenanceApprovalAuthor;
    r.findings.push_back(
        {key.second, paths.front(), commit.hash, who(commit), commit.date,
         trf("{} added {} {} but is not {}{}", commit.email, paths.size(), approvals ? "approval(s)" : "result(s)",
                     approvals ? trf("the CISO on {}", commit.date->iso())
                               : "of the unit, the security team or the executive secretary",
                     paths.size() > 1 ? fmt::format(" (first: {})", paths.front()) : "")});
  }
  // A table changed after its approval without a new one: the commit that changed it.
  for (const auto& t : store.settings) {
    const TableLifecycle s = table_status(store, t.year, t.unit);
    if (s.state != TableState::PendingReapproval) continue;
    auto it = last_change.find(t.file);
    const Commit* commit = it == last_change.end() ? nullptr : it->second;
    r.findings.push_back({DiagCode::RetentionUnapprovedChange, t.file, commit ? commit->hash : "", commit ? who(*commit) : "",
                          commit ? commit->date : std::nullopt,
                          trf("changed after the approval in force ({}) and not approved again", s.in_force->file)});
  }
}

}  // namespace

RetentionFinding::RetentionFinding(DiagCode code, std::string path, std::string commit_hash, std::string commit_author,
                                   std::optional<Date> commit_date, std::string message)
    : diagnostic{code_severity(code), code, std::move(path), {}, std::move(message)},
      commit(std::move(commit_hash)),
      author(std::move(commit_author)),
      date(commit_date) {}

RetentionReport retention_check(const Store& store, const std::optional<std::vector<Commit>>& history, const Date& today) {
  RetentionReport r;
  r.today = today;
  if (!store.config) return r;
  const Policy& p = store.config->policy;
  r.location = p.retention_location;
  r.from_record_date = p.retention_from_record_date;
  r.years = p.retention_years;
  std::map<std::pair<int, RecordKind>, RetentionGroup> groups;
  for (const auto& s : store.sources) {
    if (!under_rule(s->where.kind)) continue;
    RetentionGroup& g = groups[{s->where.year, s->where.kind}];
    const Date until = retention_until(store, s->path, p);
    if (g.records == 0 || g.until < until) g.until = until;
    g.kind = s->where.kind;
    g.year = s->where.year;
    ++g.records;
  }
  for (auto& [key, g] : groups) {
    g.past = g.until < today;
    r.groups.push_back(g);
  }
  missing_records(store, today, r.years, r);
  if (history) {
    r.history_checked = true;
    r.commits = history->size();
    history_findings(store, *history, r.years, r);
  } else {
    r.history_notice = "not a git repository: history checks (deletions, in-place changes, provenance) were skipped";
  }
  std::stable_sort(r.findings.begin(), r.findings.end(), [](const RetentionFinding& a, const RetentionFinding& b) {
    auto key = [](const RetentionFinding& f) {
      return std::make_tuple(code_name(f.diagnostic.code), std::string_view(f.diagnostic.file),
                             std::string_view(f.commit));
    };
    return key(a) < key(b);
  });
  return r;
}

}  // namespace isms
