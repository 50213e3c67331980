#include "isms/rules/validate.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/measure.h"
#include "isms/rules/referral.h"
#include "isms/rules/signature.h"

namespace isms {

namespace {

// Where a record's fields are: its marks, or the compact ones a result kept.
class At {
 public:
  At(const Marks& marks) : marks_(&marks) {}  // NOLINT: implicit by design
  At(const FieldMarks& marks) : fields_(&marks) {}  // NOLINT
  Mark field(std::string_view key) const { return fields_ ? fields_->at(key) : marks_->at(key); }

 private:
  const Marks* marks_ = nullptr;
  const FieldMarks* fields_ = nullptr;
};

Mark field_mark(At at, std::string_view key) { return at.field(key); }

// Names Windows reserves for devices, whatever the extension: a unit or
// objective id becomes a directory or file name, and a store is cloned on
// the secretaries' Windows machines too, where `units/con/` cannot exist.
bool reserved_file_name(std::string_view id) {
  static constexpr std::string_view names[] = {"con", "prn", "aux", "nul"};
  for (auto n : names) {
    if (id == n) return true;
  }
  return id.size() == 4 && (id.starts_with("com") || id.starts_with("lpt")) && id[3] >= '1' && id[3] <= '9';
}

class Checker {
 public:
  Checker(const Store& store, Diagnostics& diags) : store_(store), d_(diags) {}

  void run() {
    if (store_.config) check_config(*store_.config);
    for (const auto& t : store_.settings) check_setting(t);
    for (const auto& a : store_.approvals) check_approval(a);
    for (const auto& r : store_.results) check_result(r);
    for (const auto& v : store_.reviews) check_review(v);
    for (const auto& f : store_.referrals) check_referral(f);
    for (const auto& k : store_.confirmations) check_confirmation(k);
  }

 private:
  void path_safe_id(const std::string& file, At node, std::string_view what, const std::string& id) {
    if (!reserved_file_name(id)) return;
    d_.report(DiagCode::IdReservedName, file, field_mark(node, "id"),
             trf("{} id '{}' is a device name on Windows, where a clone of the store could not hold its "
                         "files; choose another id",
                         what, id));
  }

  // ---- references -------------------------------------------------------
  // Reference checks need a valid configuration; without one they would only
  // repeat its errors.
  void person(const std::string& file, At node, std::string_view key, const std::string& id) {
    if (!store_.config || id.empty() || store_.config->person(id)) return;
    d_.report(DiagCode::RefUnknownPerson, file, field_mark(node, key),
             trf("'{}' refers to person '{}', who is not in {}", key, id, kConfigFileName));
  }
  void unit(const std::string& file, At node, std::string_view key, const std::string& id) {
    if (!store_.config || id.empty() || store_.config->unit(id)) return;
    d_.report(DiagCode::RefUnknownUnit, file, field_mark(node, key),
             trf("'{}' refers to unit '{}', which is not in {}", key, id, kConfigFileName));
  }
  // The objective as set for that unit and year (any revision on record).
  const Objective* objective(const std::string& file, At node, std::string_view key, int year,
                             const std::string& unit_id, const std::string& id) {
    const SettingTable* t = store_.setting(year, unit_id);
    if (t) {
      if (const Objective* o = t->objective(id)) return o;
    }
    for (const Approval* a : store_.approvals_for(year, unit_id)) {
      for (const auto& o : a->approved) {
        if (o.id == id) return &o;
      }
    }
    d_.report(DiagCode::RefUnknownObjective, file, field_mark(node, key),
             t ? trf("objective '{}' is not in the {} setting table of unit '{}' ({})", id, year, unit_id,
                             t->file)
               : trf("objective '{}': unit '{}' has no setting table for {}", id, unit_id, year));
    return nullptr;
  }
  void date_in_year_range(const std::string& file, At node, std::string_view key,
                          const std::optional<Date>& date) {
    if (date && (date->year < 2000 || date->year > 2200)) {
      d_.report(DiagCode::ValueDate, file, field_mark(node, key),
               trf("'{}' {} is outside the years 2000-2200", key, date->iso()));
    }
  }

  // ---- configuration ----------------------------------------------------
  void check_config(const Config& c) {
    std::map<std::string, const Person*> ids, emails;
    for (const auto& p : c.people) {
      if (auto [it, fresh] = ids.emplace(p.id, &p); !fresh) {
        d_.report(DiagCode::ConfigDuplicateId, c.file, field_mark(p.marks, "id"),
                 trf("person id '{}' is already used at line {}", p.id, field_mark(it->second->marks, "id").line));
      }
      if (!p.email.empty()) {
        if (auto [it, fresh] = emails.emplace(p.email, &p); !fresh) {
          d_.report(DiagCode::ConfigDuplicateEmail, c.file, field_mark(p.marks, "email"),
                   trf("e-mail {} is already used by '{}'", p.email, it->second->id));
        }
      }
      unit(c.file, p.marks, "unit", p.unit);
    }
    std::set<std::string> unit_ids;
    for (const auto& u : c.units) {
      if (!unit_ids.insert(u.id).second) {
        d_.report(DiagCode::ConfigDuplicateId, c.file, field_mark(u.marks, "id"),
                 trf("unit id '{}' is used twice", u.id));
      }
      path_safe_id(c.file, u.marks, "unit", u.id);
      person(c.file, u.marks, "head", u.head);
    }
    if (c.ciso.empty()) {
      d_.report(DiagCode::ConfigNoCiso, c.file, field_mark(c.marks, "roles"),
                 "no CISO (資通安全長) is configured, so nothing can be approved: set roles: ciso to the person id "
                 "of the CISO (or terms: - person: ID, from: \"YYYY-MM-DD\")");
    }
    check_terms(c, c.ciso, "ciso");
    check_terms(c, c.executive_secretary, "executive_secretary");
    check_terms(c, c.ciso_deputy, "ciso_deputy");
    std::set<std::string> team;
    for (std::size_t i = 0; i < c.security_team.size(); ++i) {
      const std::string& id = c.security_team[i];
      const Mark at = c.marks.at(fmt::format("roles/security_team/{}", i));
      if (!c.person(id)) {
        d_.report(DiagCode::RefUnknownPerson, c.file, at, trf("'security_team' lists '{}', who is not in people", id));
      }
      if (!team.insert(id).second) {
        d_.report(DiagCode::ConfigDuplicateId, c.file, at, trf("'security_team' lists '{}' twice", id));
      }
    }
  }

  void check_terms(const Config& c, const std::vector<RoleTerm>& terms, std::string_view role) {
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const RoleTerm& t = terms[i];
      const Mark at = t.marks.at("person");
      if (!c.person(t.person)) {
        d_.report(DiagCode::RefUnknownPerson, c.file, at,
                 trf("role '{}' names '{}', who is not in people", role, t.person));
      }
      if (t.from && t.until && *t.until < *t.from) {
        d_.report(DiagCode::ConfigRoleTerm, c.file, field_mark(t.marks, "until"),
                 trf("role '{}' term ends ({}) before it starts ({})", role, t.until->iso(), t.from->iso()));
      }
      for (std::size_t j = 0; j < i; ++j) {
        const RoleTerm& o = terms[j];
        const bool overlap = (!t.from || !o.until || *t.from <= *o.until) && (!o.from || !t.until || *o.from <= *t.until);
        if (overlap) {
          d_.report(DiagCode::ConfigRoleOverlap, c.file, at,
                   trf("role '{}' terms of '{}' and '{}' overlap; one person holds a role at a time", role,
                               o.person, t.person));
        }
      }
    }
  }

  // ---- objectives (setting tables and approval snapshots) ---------------
  void check_target_value(const std::string& file, Mark m, const std::string& what, const Objective& o, Decimal v) {
    if (v.negative()) {
      d_.report(DiagCode::TargetNegative, file, m, trf("{} {} is negative; measurements are never below 0", what, v.to_string()));
    }
    if (o.unit == MeasureUnit::Percent && v > Decimal::from_int(100)) {
      d_.report(DiagCode::TargetOutOfRange, file, m, trf("{} {} is above 100 percent", what, v.to_string()));
    }
    if (o.unit == MeasureUnit::Count && o.aggregation == Aggregation::Sum && !v.is_integer()) {
      d_.report(DiagCode::TargetNotInteger, file, m, trf("{} {} is not a whole count", what, v.to_string()));
    }
    if (v.scale() > o.precision) {
      d_.report(DiagCode::TargetPrecision, file, m,
               trf("{} {} has more decimal places than the objective's precision ({})", what, v.to_string(),
                           o.precision));
    }
  }

  // The target written at `path` among the objective's marks.
  void check_target(const std::string& file, const std::string& path, const std::string& what, const Objective& o,
                    const Target& t) {
    const Mark at = o.marks.get(path);
    const bool want_range = o.comparison == Comparison::Range;
    if (t.is_range != want_range) {
      d_.report(DiagCode::TargetShape, file, at,
               want_range ? trf("{} must be {{min, max}} for comparison 'range'", what)
                          : trf("{} must be a single number for comparison '{}'", what, to_string(o.comparison)));
      return;
    }
    if (t.is_range) {
      check_target_value(file, o.marks.get(path + "/min"), what + ".min", o, t.min);
      check_target_value(file, o.marks.get(path + "/max"), what + ".max", o, t.max);
      if (t.max < t.min) {
        d_.report(DiagCode::TargetRangeOrder, file, at,
                 trf("{} has min {} above max {}", what, t.min.to_string(), t.max.to_string()));
      }
    } else {
      check_target_value(file, at, what, o, t.value);
    }
  }

  void check_measure(const std::string& file, const Objective& o) {
    const Marks& n = o.marks;
    check_target(file, "target", "target", o, o.target);
    for (int q = 1; q <= 4; ++q) {
      if (const auto& t = o.quarter_targets[static_cast<std::size_t>(q - 1)]) {
        const std::string key = fmt::format("q{}", q);
        check_target(file, "quarter_targets/" + key, "quarter_targets." + key, o, *t);
      }
    }
    if (o.last_year_actual) {
      if (o.last_year_actual->negative() ||
          (o.unit == MeasureUnit::Percent && *o.last_year_actual > Decimal::from_int(100))) {
        d_.report(DiagCode::TargetOutOfRange, file, field_mark(n, "last_year_actual"),
                 trf("last_year_actual {} is outside the range of a {} value", o.last_year_actual->to_string(),
                             to_string(o.unit)));
      }
    }
    if (o.aggregation == Aggregation::Ratio && (o.numerator_label.empty() || o.denominator_label.empty())) {
      d_.report(DiagCode::MeasureRatioLabels, file, field_mark(n, "aggregation"),
               "aggregation 'ratio' needs 'numerator' and 'denominator' saying what each counts");
    }
    if (o.aggregation != Aggregation::Ratio && (n.has("numerator") || n.has("denominator"))) {
      d_.report(DiagCode::MeasureUnusedField, file, field_mark(n, n.has("numerator") ? "numerator" : "denominator"),
               trf("'numerator' and 'denominator' apply only to aggregation 'ratio' (this is '{}')",
                           to_string(o.aggregation)));
    }
    if (o.aggregation == Aggregation::Sum && (o.unit == MeasureUnit::Percent || o.unit == MeasureUnit::Score)) {
      d_.report(DiagCode::MeasureAggregationUnit, file, field_mark(n, "aggregation"),
               trf("a sum of {} values is meaningless; use ratio, mean, last, max or min", to_string(o.unit)));
    }
  }

  // ---- records ----------------------------------------------------------
  void check_setting(const SettingTable& t) {
    unit(t.file, t.marks, "unit", t.unit);
    person(t.file, t.marks, "compiled_by", t.compiled_by);
    person(t.file, t.marks, "supervisor", t.supervisor);
    date_in_year_range(t.file, t.marks, "updated", t.updated);
    if (t.carried_from && *t.carried_from != t.year - 1) {
      d_.report(DiagCode::SettingCarriedFrom, t.file, field_mark(t.marks, "carried_from"),
               trf("'carried_from' {} is not the year before {}", *t.carried_from, t.year));
    }
    std::map<std::string, const Objective*> seen;
    for (const auto& o : t.objectives) {
      if (auto [it, fresh] = seen.emplace(o.id, &o); !fresh) {
        d_.report(DiagCode::SettingDuplicateObjective, t.file, field_mark(o.marks, "id"),
                 trf("objective id '{}' is already used at line {}", o.id,
                             field_mark(it->second->marks, "id").line));
      }
      path_safe_id(t.file, o.marks, "objective", o.id);
      unit(t.file, o.marks, "department", o.department);
      person(t.file, o.marks, "owner", o.owner);
      check_measure(t.file, o);
    }
  }

  void check_approval(const Approval& a) {
    unit(a.file, a.marks, "unit", a.unit);
    person(a.file, a.marks, "by", a.by);
    date_in_year_range(a.file, a.marks, "date", a.date);
    if (a.decision == Decision::Approved && a.approved.empty()) {
      d_.report(DiagCode::ApprovalSnapshotMissing, a.file, field_mark(a.marks, "decision"),
               "an approval must list what was approved under 'approved' (targets and measurement definitions)");
    }
    for (const auto& o : a.approved) check_measure(a.file, o);
  }

  void check_result(const Result& r) {
    unit(r.file, r.marks, "unit", r.unit);
    person(r.file, r.marks, "reported_by", r.reported_by);
    date_in_year_range(r.file, r.marks, "reported", r.reported);
    if (r.sequence > 1 && r.reason.empty()) {
      d_.report(DiagCode::ResultAmendReason, r.file, r.marks.root(), "an amended result needs a 'reason'");
    }
    if (r.reported && *r.reported < quarter_start(r.year, r.quarter)) {
      d_.report(DiagCode::ResultReportedEarly, r.file, field_mark(r.marks, "reported"),
               trf("reported {} is before Q{} {} began", r.reported->iso(), r.quarter, r.year));
    }
    // A record with a value error is reported for it alone; judging it would
    // only repeat the error in other words.
    bool value_errors = false;
    for (auto [key, value] : {std::pair{"actual", &r.actual}, {"numerator", &r.numerator}, {"denominator", &r.denominator}}) {
      if (*value && value->value().negative()) {
        d_.report(DiagCode::ResultNegative, r.file, field_mark(r.marks, key), trf("'{}' is negative", key));
        value_errors = true;
      }
    }
    const Objective* o = objective(r.file, r.marks, "objective", r.year, r.unit, r.objective);
    if (!o || value_errors) return;
    // Results are judged against the approved definition of their quarter.
    const Approval* in_force = nullptr;
    if (const Objective* def = definition_in_force(store_, r.year, r.unit, r.objective, r.quarter, &in_force)) {
      o = def;
      if (!r.measure_unit.empty() && r.measure_unit != to_string(def->unit)) {
        d_.report(DiagCode::ResultUnitMismatch, r.file, field_mark(r.marks, "measure_unit"),
                 trf("the value is in {} but objective '{}' is measured in {}", r.measure_unit, r.objective,
                             to_string(def->unit)));
      }
      const Result* latest = store_.latest_result(r.year, r.unit, r.objective, r.quarter);
      if (latest == &r && r.variance.empty()) {
        const ObjectiveYear y = evaluate(store_, r.year, r.unit, r.objective, r.quarter);
        const QuarterOutcome& q = y.quarters[static_cast<std::size_t>(r.quarter - 1)].outcome;
        if (q.status == QuarterStatus::NotMet) {
          d_.report(DiagCode::ResultVarianceMissing, r.file, r.marks.root(),
                     trf("Q{} is not met (cumulative {}); add a variance explanation (差異說明) in an "
                                 "amendment",
                                 r.quarter, q.cumulative ? q.cumulative->to_string() : "-"));
        }
      }
    } else {
      d_.report(DiagCode::ResultNotInForce, r.file, field_mark(r.marks, "objective"),
               in_force ? trf("objective '{}' is not in the approved revision in force for Q{} ({})",
                                      r.objective, r.quarter, in_force->file)
                        : trf("no approved revision of the {} setting table of unit '{}' is in force for "
                                      "Q{}; results count only against approved objectives",
                                      r.year, r.unit, r.quarter));
    }
    if (r.marks.has("no_events")) {
      // A quarter without events carries its reason instead of a value.
      for (const char* key : {"actual", "numerator", "denominator"}) {
        if (r.marks.has(key)) {
          d_.report(DiagCode::ResultValueShape, r.file, field_mark(r.marks, key),
                    trf("a result with 'no_events' records no value: remove '{}' (or 'no_events')", key));
        }
      }
    } else if (o->aggregation == Aggregation::Ratio) {
      if (r.marks.has("actual") || !r.numerator || !r.denominator) {
        d_.report(DiagCode::ResultValueShape, r.file, r.marks.has("actual") ? field_mark(r.marks, "actual") : r.marks.root(),
                 trf("objective '{}' is a ratio: record 'numerator' and 'denominator', not 'actual' (or "
                             "'no_events' with the reason when nothing happened)",
                             o->id));
      } else if (o->unit == MeasureUnit::Percent && *r.denominator < *r.numerator) {
        d_.report(DiagCode::ResultNumeratorExceeds, r.file, field_mark(r.marks, "numerator"),
                 trf("numerator {} exceeds denominator {} of a percentage", r.numerator->to_string(),
                             r.denominator->to_string()));
      } else if (r.denominator->units() != 0) {
        const auto value = Decimal::ratio(*r.numerator, *r.denominator, ratio_scale(*o), o->precision);
        if (!value || !value->in_record_range()) {
          d_.report(DiagCode::ResultOutOfRange, r.file, field_mark(r.marks, "denominator"),
                    trf("numerator {} / denominator {} is beyond the range of a value (at most 1000000000000); "
                        "check the denominator",
                        r.numerator->to_string(), r.denominator->to_string()));
        }
      }
    } else if (!r.marks.has("actual") || r.marks.has("numerator") || r.marks.has("denominator")) {
      d_.report(DiagCode::ResultValueShape, r.file, r.marks.has("actual") ? field_mark(r.marks, "numerator") : r.marks.root(),
               trf("objective '{}' aggregates by {}: record 'actual' only (or 'no_events' with the reason "
                           "when nothing happened)",
                           o->id, to_string(o->aggregation)));
    } else if (r.actual && o->unit == MeasureUnit::Percent && *r.actual > Decimal::from_int(100)) {
      d_.report(DiagCode::ResultOutOfRange, r.file, field_mark(r.marks, "actual"),
               trf("actual {} is above 100 percent", r.actual->to_string()));
    }
  }

  void check_review(const Review& v) {
    unit(v.file, v.marks, "unit", v.unit);
    person(v.file, v.marks, "reviewed_by", v.reviewed_by);
    person(v.file, v.marks, "supervisor", v.supervisor);
    date_in_year_range(v.file, v.marks, "date", v.date);
    // Without a valid configuration there are no roles to check against.
    const Config* c = store_.config ? &*store_.config : nullptr;
    if (c && v.date && c->person(v.reviewed_by) && !c->may_review_on(v.reviewed_by, *v.date)) {
      d_.report(DiagCode::ReviewNotCiso, v.file, field_mark(v.marks, "reviewed_by"),
                trf("'{}' did not hold the CISO role (nor a deputy's, roles: ciso_deputy) on {}; the CISO "
                            "reviews 005-02 (§5.5.1)",
                            v.reviewed_by, v.date->iso()));
    }
    if (const SettingTable* t = store_.setting(v.year, v.unit); t && !v.reviewed_by.empty()) {
      for (const auto& o : t->objectives) {
        const Result* r = store_.latest_result(v.year, v.unit, o.id, v.quarter);
        if (r && r->reported_by == v.reviewed_by) {
          d_.report(DiagCode::ReviewSelfReview, v.file, field_mark(v.marks, "reviewed_by"),
                    trf("'{}' reported the Q{} result of '{}' ({}) and may not review it (segregation of "
                                "duties)",
                                v.reviewed_by, v.quarter, o.id, r->file));
          break;
        }
      }
    }
    if (c && c->policy.confirmation_required_on(v.date) && v.date) {
      // The confirmation in force when the review was made: any on or before its day.
      bool confirmed = false;
      for (const Confirmation* k : store_.confirmations_for(v.year, v.quarter, v.unit)) {
        confirmed = confirmed || (k->date && *k->date <= *v.date);
      }
      if (!confirmed) {
        d_.report(DiagCode::ReviewUnconfirmed, v.file, field_mark(v.marks, "date"),
                  trf("no confirmation by the unit's head (權責主管) of the Q{} {} results precedes this "
                              "review; policy.confirmation is required — the head confirms with 'isms-obj review "
                              "--year {} --quarter {} --unit {} --confirm'",
                              v.quarter, v.year, v.year, v.quarter, v.unit));
      }
    }
    if (v.sequence > 1 && v.reason.empty()) {
      d_.report(DiagCode::ReviewCorrectionReason, v.file, v.marks.root(),
                trf("a correction (.{}.yaml) supersedes the earlier review and needs 'reason': why",
                            v.sequence));
    }
    if (v.date && *v.date <= quarter_end(v.year, v.quarter)) {
      d_.report(DiagCode::ReviewDateEarly, v.file, field_mark(v.marks, "date"),
               trf("review dated {} before Q{} {} ended", v.date->iso(), v.quarter, v.year));
    }
    for (const auto& [id, text] : v.objective_opinions) {
      const Mark at = v.marks.key_at("objectives", id);
      const SettingTable* t = store_.setting(v.year, v.unit);
      if (t && !t->objective(id)) {
        d_.report(DiagCode::RefUnknownObjective, v.file, at,
                 trf("objective '{}' is not in the {} setting table of unit '{}'", id, v.year, v.unit));
      }
    }
  }

  void check_confirmation(const Confirmation& k) {
    unit(k.file, k.marks, "unit", k.unit);
    person(k.file, k.marks, "confirmed_by", k.confirmed_by);
    date_in_year_range(k.file, k.marks, "date", k.date);
    if (k.date && *k.date <= quarter_end(k.year, k.quarter)) {
      d_.report(DiagCode::ConfirmationDateEarly, k.file, field_mark(k.marks, "date"),
                trf("confirmation dated {} before Q{} {} ended", k.date->iso(), k.quarter, k.year));
    }
    const Config* c = store_.config ? &*store_.config : nullptr;
    const Unit* u = c ? c->unit(k.unit) : nullptr;
    if (u && c->person(k.confirmed_by) && u->head != k.confirmed_by) {
      d_.report(DiagCode::ConfirmationNotHead, k.file, field_mark(k.marks, "confirmed_by"),
                trf("'{}' is not the head of unit '{}' ({} names '{}'); the unit's head (權責主管) confirms "
                            "its results",
                            k.confirmed_by, k.unit, kConfigFileName, u->head));
    }
    if (result_files_.empty()) {
      for (const auto& r : store_.results) result_files_.insert(r.file);
    }
    for (const auto& [id, sequence] : k.results) {
      const std::string path = record_path(RecordPath{RecordKind::Result, k.year, k.quarter, 0, sequence, k.unit, id});
      if (!result_files_.count(path)) {
        d_.report(DiagCode::ConfirmationUnknownResult, k.file, k.marks.at("results/" + id),
                  trf("no result record of '{}' with sequence {} for Q{} {} ({})", id, sequence, k.quarter,
                              k.year, path));
      }
    }
    // Only the latest confirmation is judged against the results in force.
    if (store_.latest_confirmation(k.year, k.quarter, k.unit) != &k) return;
    std::vector<std::string> uncovered;
    confirmation_covers(store_, k, &uncovered);
    if (!uncovered.empty()) {
      std::string files;
      for (const auto& f : uncovered) files += (files.empty() ? "" : ", ") + f;
      d_.report(DiagCode::ConfirmationStale, k.file, field_mark(k.marks, "results"),
                trf("the results in force were recorded or amended after this confirmation ({}); the "
                            "unit's head confirms again with 'isms-obj review --year {} --quarter {} --unit {} "
                            "--confirm'",
                            files, k.year, k.quarter, k.unit));
    }
  }

  void check_referral(const Referral& f) {
    unit(f.file, f.marks, "unit", f.unit);
    person(f.file, f.marks, "raised_by", f.raised_by);
    date_in_year_range(f.file, f.marks, "raised", f.raised);
    objective(f.file, f.marks, "objective", f.year, f.unit, f.objective);
    std::set<int> quarters;
    for (const auto& m : f.missed) {
      if (!quarters.insert(m.quarter).second) {
        d_.report(DiagCode::ReferralDuplicateQuarter, f.file, field_mark(f.marks, "missed"),
                 trf("quarter {} is listed twice under 'missed'", m.quarter));
      }
    }
    if (f.state == ReferralState::Closed && !f.closed) {
      d_.report(DiagCode::ReferralClosedDate, f.file, field_mark(f.marks, "state"), "a closed referral needs a 'closed' date");
    }
    if (f.state == ReferralState::Open && f.marks.has("closed")) {
      d_.report(DiagCode::ReferralClosedDate, f.file, field_mark(f.marks, "closed"), "an open referral has no 'closed' date");
    }
    // Without a valid configuration there are no roles to check against.
    const Config* c = store_.config ? &*store_.config : nullptr;
    auto not_ciso = [&](const std::string& id, const std::optional<Date>& day) {
      const RoleTerm* ciso = c && day ? c->ciso_on(*day) : nullptr;
      return c && day && c->person(id) && (!ciso || ciso->person != id);
    };
    if (f.state == ReferralState::Waived) {
      if (f.waived_reason.empty()) {
        d_.report(DiagCode::ReferralDecision, f.file, field_mark(f.marks, "state"),
                  "a waived referral needs 'waived_reason': why no corrective action is needed (§5.5.2)");
      }
      if (not_ciso(f.raised_by, f.raised)) {
        d_.report(DiagCode::ReferralDecision, f.file, field_mark(f.marks, "raised_by"),
                  trf("'{}' was not the CISO on {}; only the CISO waives corrective action (§5.5.2)",
                              f.raised_by, f.raised->iso()));
      }
    } else if (f.marks.has("waived_reason")) {
      d_.report(DiagCode::ReferralDecision, f.file, field_mark(f.marks, "waived_reason"),
                trf("'waived_reason' on a referral that is {}", to_string(f.state)));
    }
    if (!f.closed_by.empty()) {
      person(f.file, f.marks, "closed_by", f.closed_by);
      if (f.state != ReferralState::Closed) {
        d_.report(DiagCode::ReferralDecision, f.file, field_mark(f.marks, "closed_by"),
                  trf("'closed_by' on a referral that is {}", to_string(f.state)));
      } else if (not_ciso(f.closed_by, f.closed)) {
        d_.report(DiagCode::ReferralDecision, f.file, field_mark(f.marks, "closed_by"),
                  trf("'{}' was not the CISO on {}; the CISO closes corrective action", f.closed_by,
                              f.closed->iso()));
      }
    }
    if (f.closed && f.raised && *f.closed < *f.raised) {
      d_.report(DiagCode::ReferralClosedDate, f.file, field_mark(f.marks, "closed"),
               trf("closed {} is before raised {}", f.closed->iso(), f.raised->iso()));
    }
  }

  const Store& store_;
  std::set<std::string> result_files_;  // every result's path, once a confirmation needs them
  Diagnostics& d_;
};

}  // namespace

void check_store(const Store& store, const ValidateOptions& options, Diagnostics& diags) {
  Checker(store, diags).run();
  check_lifecycle(store, options.today, diags);
  check_referrals(store, diags);
  check_signatures(store, options.signatures, diags);
}

}  // namespace isms
