#include "isms/ops/review.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"
#include "isms/format/tree.h"
#include "isms/format/yaml.h"
#include "isms/store/emit.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/validate.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

Referral referral_for(const ReviewRequest& req, const ObjectiveLine& line, const std::string& raised_by) {
  Referral r;
  r.year = req.year;
  r.unit = req.unit;
  r.objective = line.id;
  r.raised = req.today;
  r.raised_by = raised_by;
  for (int q : line.missed) {
    const QuarterRecord& rec = line.year.quarters[static_cast<std::size_t>(q - 1)];
    MissedQuarter m;
    m.quarter = q;
    m.actual = rec.outcome.value;
    m.cumulative = rec.outcome.cumulative;
    m.target = rec.outcome.target;
    if (rec.result) m.variance = rec.result->variance;
    r.missed.push_back(std::move(m));
  }
  return r;
}

}  // namespace

std::string who_may_review(const Config& config, const Date& day) {
  auto term = [&](const RoleTerm& t) {
    const Person* p = config.person(t.person);
    std::string since = t.from ? fmt::format(", since {}", t.from->iso()) : "";
    std::string until = t.until ? fmt::format(", until {}", t.until->iso()) : "";
    return fmt::format("{} ({}{}{})", t.person, p ? p->name : "?", since, until);
  };
  const RoleTerm* ciso = config.ciso_on(day);
  const RoleTerm* deputy = Config::holder_on(config.ciso_deputy, day);
  std::string out = trf("the CISO (資通安全長) reviews 005-02 (§5.5.1); on {} that is {}", day.iso(),
                                ciso ? term(*ciso) : std::string("nobody (isms-obj.yaml roles: ciso)"));
  out += deputy ? trf(", or the deputy {}", term(*deputy))
                : std::string("; no deputy is named for that day (roles: ciso_deputy)");
  return out;
}

Status confirm_results(Env& env, const fs::path& root, const ConfirmRequest& req, ConfirmOutcome* out,
                       Diagnostics& diags) {
  WriteTransaction tx;
  const LoadScope scope{{req.year}, {req.unit}};
  if (Status s = tx.begin(env, root, req, scope, &out->previous_lock_holder, diags); !s.is_ok()) return s;
  // A confirmation covers every result of the quarter as the records have it.
  if (Status s = tx.refuse_unreadable(diags); !s.is_ok()) return s;
  const Config& config = tx.config();
  const Unit* unit = config.unit(req.unit);
  if (!unit) return refuse(trf("unit '{}' is not in {}", req.unit, kConfigFileName));
  if (req.today <= quarter_end(req.year, req.quarter)) {
    return refuse(trf("Q{} {} ends on {}; its results are confirmed after it ends", req.quarter, req.year,
                              quarter_end(req.year, req.quarter).iso()));
  }
  const Person* head = nullptr;
  if (Status s = identify(config, req.by, req.by_email, "--by", tr("who confirms?"), &head); !s.is_ok()) return s;
  if (head->id != unit->head) {
    const Person* named = config.person(unit->head);
    return refuse(trf("only the head of unit '{}' (權責主管) confirms its results; {} names {}{}, not '{}'",
                              req.unit, kConfigFileName,
                              unit->head.empty() ? std::string(tr("no head (units: head)")) : "'" + unit->head + "'",
                              named ? fmt::format(" ({})", named->name) : "", head->id));
  }
  const UnitReview view = review_view(tx.store(), req.year, req.quarter, req.unit).at(0);
  if (!view.in_force) {
    return refuse(trf("unit '{}' has no approved {} setting table in force for Q{}; nothing to confirm",
                              req.unit, req.year, req.quarter));
  }
  if (!view.missing.empty() && !req.allow_missing) {
    std::string ids;
    for (const auto& id : view.missing) ids += (ids.empty() ? "" : ", ") + id;
    return refuse(trf("results are missing for Q{} {}: {}; record them first (record-quarter), or confirm "
                              "what is on record with --allow-missing",
                              req.quarter, req.year, ids));
  }
  out->results = view.results;
  RecordPath where;
  where.kind = RecordKind::Confirmation;
  where.year = req.year;
  where.quarter = req.quarter;
  where.unit = req.unit;
  if (view.confirmation && view.confirmed && view.confirmation->confirmed_by == head->id) {
    out->confirmation = view.confirmation->file;
    return Status::ok();
  }
  if (view.confirmation) where.sequence = view.confirmation->sequence + 1;
  out->confirmation = record_path(tx.free_sequence(where));
  Confirmation k;
  k.year = req.year;
  k.quarter = req.quarter;
  k.unit = req.unit;
  k.confirmed_by = head->id;
  k.date = req.today;
  k.results = view.results;
  if (req.sign_with.empty() && config.policy.signature_required_on(req.today)) {
    return refuse(trf("policy.signatures is required: sign the confirmation with your own key, --sign-with "
                              "~/.ssh/id_ed25519 (a key isms-obj.yaml lists for '{}' under people: keys)",
                              head->id));
  }
  if (!req.sign_with.empty()) {
    if (Status s = sign_record(env, req.sign_with, kConfirmationNamespace, emit_confirmation(k, {}), out->confirmation,
                               &k.signature);
        !s.is_ok()) {
      return s;
    }
  }
  Diagnostics check;
  tx.put(out->confirmation, k, check);
  check.append(tx.check_rules());
  check.finish();
  for (const auto& d : check.items()) {
    if (d.file == out->confirmation && d.severity == Severity::Error) diags.add(d);
  }
  if (diags.has_errors()) return refuse("nothing was written: the confirmation would not be valid");
  if (Status s = tx.commit(); !s.is_ok()) return s;
  out->written = true;
  return Status::ok();
}

Status record_review(Env& env, const fs::path& root, const ReviewRequest& req, ReviewOutcome* out,
                     Diagnostics& diags) {
  WriteTransaction tx;
  const LoadScope scope{{req.year}, {req.unit}};
  if (Status s = tx.begin(env, root, req, scope, &out->previous_lock_holder, diags); !s.is_ok()) return s;
  // The review states every objective's quarter as the records have it.
  if (Status s = tx.refuse_unreadable(diags); !s.is_ok()) return s;
  Store& store = tx.store();
  const Config& config = tx.config();
  const Unit* unit = config.unit(req.unit);
  if (!unit) return refuse(trf("unit '{}' is not in {}", req.unit, kConfigFileName));
  if (req.today <= quarter_end(req.year, req.quarter)) {
    return refuse(trf("Q{} {} ends on {}; it is reviewed after it ends", req.quarter, req.year,
                              quarter_end(req.year, req.quarter).iso()));
  }

  // Who reviews, and who confirms.
  const Person* reviewer = nullptr;
  if (Status s = identify(config, req.reviewer, req.reviewer_email, "--reviewer", tr("who reviews?"), &reviewer); !s.is_ok()) {
    return s;
  }
  const RoleTerm* ciso = config.ciso_on(req.today);
  if (!config.may_review_on(reviewer->id, req.today)) {
    return refuse(trf("'{}' may not record the review: {}", reviewer->id,
                              who_may_review(config, req.today)));
  }
  if (req.opinion.empty()) return refuse("a review needs --opinion (審核意見)");

  auto views = review_view(store, req.year, req.quarter, req.unit);
  const UnitReview& view = views.at(0);
  // The 權責主管 is who confirmed the results, when the head did.
  const std::string supervisor = view.confirmation ? view.confirmation->confirmed_by
                                 : !req.supervisor.empty() ? req.supervisor
                                                           : unit->head;
  if (supervisor.empty()) return refuse(trf("unit '{}' has no head in {}; give --supervisor", req.unit, kConfigFileName));
  if (!view.in_force) {
    return refuse(trf("unit '{}' has no approved {} setting table in force for Q{}; nothing to review",
                              req.unit, req.year, req.quarter));
  }
  if (!view.missing.empty() && !req.allow_missing) {
    std::string ids;
    for (const auto& id : view.missing) ids += (ids.empty() ? "" : ", ") + id;
    return refuse(trf("results are missing for Q{} {}: {}; record them first, or give --allow-missing "
                              "--reason \"…\"",
                              req.quarter, req.year, ids));
  }
  if (req.allow_missing && trim(req.missing_reason).empty()) return refuse("--allow-missing needs --reason");
  for (const auto& opinion : req.objective_opinions) {
    const std::string& id = opinion.first;
    if (std::any_of(view.objectives.begin(), view.objectives.end(), [&](const ObjectiveLine& l) { return l.id == id; })) {
      continue;
    }
    std::string ids;
    for (const auto& l : view.objectives) ids += (ids.empty() ? "" : ", ") + l.id;
    return refuse(trf("--objective-opinion {}=…: '{}' is not an objective of {}'s revision in force for Q{} {} "
                              "(it has {})",
                              id, id, req.unit, req.quarter, req.year, ids));
  }
  if (config.policy.confirmation_required_on(req.today) && !view.confirmed && view.in_force) {
    return refuse(trf("the head of unit '{}' (權責主管) has not confirmed the Q{} {} results{}; "
                              "policy.confirmation is required — the head confirms first with 'isms-obj review "
                              "--year {} --quarter {} --unit {} --confirm'",
                              req.unit, req.quarter, req.year,
                              view.confirmation ? trf(" as they are now ({} predates a change)",
                                                              view.confirmation->file)
                                                : "",
                              req.year, req.quarter, req.unit));
  }

  // The review record.
  RecordPath where;
  where.kind = RecordKind::Review;
  where.year = req.year;
  where.quarter = req.quarter;
  where.unit = req.unit;
  out->review = record_path(where);
  Diagnostics check;
  const bool same = view.recorded && view.recorded->opinion == req.opinion &&
                    view.recorded->reviewed_by == reviewer->id && view.recorded->objective_opinions == req.objective_opinions;
  if (view.recorded && !same && trim(req.correct_reason).empty()) {
    return refuse(trf("a different review of Q{} {} is on record ({}); a review is never edited — record a "
                              "correction that supersedes it with --correct \"why\" (the earlier one stays on record)",
                              req.quarter, req.year, view.recorded->file));
  }
  if (!view.recorded && !trim(req.correct_reason).empty()) {
    return refuse(trf("--correct: no review of Q{} {} is on record yet to correct", req.quarter, req.year));
  }
  if (same) out->review = view.recorded->file;
  if (view.recorded && !same) {
    where.sequence = view.recorded->sequence + 1;
    out->review = record_path(tx.free_sequence(where));
  }
  // Put after its referrals: the files are written in put order, and a
  // review on file without the referrals it raises is referral.missing. A
  // run stopped between them leaves referrals without their review, which
  // is valid, and running the command again writes the review alone.
  std::optional<Review> review;
  if (!same) {
    Review r;
    r.year = req.year;
    r.quarter = req.quarter;
    r.unit = req.unit;
    r.reviewed_by = reviewer->id;
    r.opinion = req.opinion;
    r.supervisor = supervisor;
    r.date = req.today;
    r.objective_opinions = req.objective_opinions;
    if (req.allow_missing) r.missing_reason = req.missing_reason;
    if (view.recorded) r.reason = req.correct_reason;
    if (req.sign_with.empty() && config.policy.signature_required_on(req.today)) {
      return refuse(trf("policy.signatures is required: sign the review with your own key, --sign-with "
                                "~/.ssh/id_ed25519 (a key isms-obj.yaml lists for '{}' under people: keys)",
                                reviewer->id));
    }
    if (!req.sign_with.empty()) {
      if (Status s = sign_record(env, req.sign_with, kReviewNamespace, emit_review(r, {}), out->review, &r.signature);
          !s.is_ok()) {
        return s;
      }
    }
    review = std::move(r);
  }

  // Referrals for objectives missed repeatedly (ISMS-P-008), raised (or
  // waived, by the CISO) by who reviews, and signed with the review's key.
  const std::string& raised_by = reviewer->id;
  for (const auto& waiver : req.waive) {
    // Named, not a structured binding: clang 14 cannot capture those.
    const std::string& id = waiver.first;
    const std::string& reason = waiver.second;
    const auto line = std::find_if(view.objectives.begin(), view.objectives.end(),
                                   [&](const ObjectiveLine& l) { return l.id == id; });
    if (line == view.objectives.end() || !line->referral_required || line->referral) {
      return refuse(trf("--waive {}: '{}' needs no corrective-action decision in Q{} {} (it is not missed "
                                "in {} quarters without a referral)",
                                id, id, req.quarter, req.year, config.policy.repeated_miss_threshold));
    }
    if (trim(reason).empty()) return refuse(trf("--waive {}= needs the reason after '='", id));
    if (!ciso || ciso->person != reviewer->id) {
      return refuse(trf("only the CISO waives corrective action (§5.5.2); on {} that is {}", req.today.iso(),
                                ciso ? ciso->person : std::string("nobody")));
    }
  }
  for (const auto& line : view.objectives) {
    if (!line.referral_required || line.referral) continue;
    RecordPath r;
    r.kind = RecordKind::Referral;
    r.year = req.year;
    r.unit = req.unit;
    r.objective = line.id;
    Referral referral = referral_for(req, line, raised_by);
    for (const auto& [id, reason] : req.waive) {
      if (id != line.id) continue;
      referral.state = ReferralState::Waived;
      referral.waived_reason = reason;
    }
    const std::string path = record_path(tx.free_sequence(r));
    if (!req.sign_with.empty()) {
      if (Status s = sign_record(env, req.sign_with, kReferralNamespace, emit_referral(referral, {}), path,
                                 &referral.signature, Signed::ReferralDecision);
          !s.is_ok()) {
        return s;
      }
    }
    tx.put(path, referral, line.definition->item, check);
  }
  if (review) tx.put(out->review, *review, check);

  // Check every record as validate will, then write them.
  check.append(tx.check_rules());
  check.finish();
  const auto writes = tx.staged();
  for (const auto& d : check.items()) {
    const bool ours = std::find(writes.begin(), writes.end(), d.file) != writes.end();
    if (ours && d.severity == Severity::Error) diags.add(d);
  }
  if (diags.has_errors()) return refuse("nothing was written: the review would not be valid");
  if (Status s = tx.commit(); !s.is_ok()) return s;
  for (const auto& rel : writes) {
    if (rel == out->review) {
      out->review_written = true;
    } else {
      out->referrals.push_back(rel);
    }
  }
  return Status::ok();
}

}  // namespace isms
