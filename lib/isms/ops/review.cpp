#include "isms/ops/review.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "isms/format/tree.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/validate.h"
#include "isms/store/emit.h"
#include "isms/sys/fsutil.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

std::string target_yaml(const Target& t) {
  return t.is_range ? fmt::format("{{min: {}, max: {}}}", t.min.to_string(), t.max.to_string()) : t.value.to_string();
}

std::string emit_review_text(const Store& store, const ReviewRequest& req, const std::string& rel,
                             const std::string& reviewer, const std::string& supervisor) {
  EmitHeader h = header_for(store, RecordKind::Review, rel, req.unit, req.year);
  h.title = fmt::format("ISMS-P-005-02 審核意見 — {} {}年第{}季", unit_display_name(store, req.unit), req.year,
                        req.quarter);
  std::string out = header_text(h);
  out += fmt::format("kind: review\nyear: {}\nquarter: {}\nunit: {}\n", req.year, req.quarter, emit_scalar(req.unit));
  out += fmt::format("reviewed_by: {}\nopinion: {}\nsupervisor: {}\ndate: {}\n", emit_scalar(reviewer),
                     emit_scalar(req.opinion), emit_scalar(supervisor), emit_scalar(req.today.iso()));
  if (!req.objective_opinions.empty()) {
    out += "objectives:\n";
    for (const auto& [id, text] : req.objective_opinions) out += fmt::format("  {}: {}\n", emit_scalar(id), emit_scalar(text));
  }
  if (req.allow_missing) out += fmt::format("missing_reason: {}\n", emit_scalar(req.missing_reason));
  return out;
}

std::string emit_referral_text(const Store& store, const ReviewRequest& req, const std::string& rel,
                               const ObjectiveLine& line, const std::string& raised_by) {
  EmitHeader h = header_for(store, RecordKind::Referral, rel, req.unit, req.year);
  h.title = fmt::format("矯正及預防措施提報 (ISMS-P-008) — {} {}", unit_display_name(store, req.unit),
                        line.definition->item);
  std::string out = header_text(h);
  out += fmt::format("kind: referral\nyear: {}\nunit: {}\nobjective: {}\nraised: {}\nraised_by: {}\nmissed:\n", req.year,
                     emit_scalar(req.unit), emit_scalar(line.id), emit_scalar(req.today.iso()), emit_scalar(raised_by));
  for (int q : line.missed) {
    const QuarterRecord& rec = line.year.quarters[static_cast<std::size_t>(q - 1)];
    out += fmt::format("  - quarter: {}\n", q);
    if (rec.outcome.value) out += fmt::format("    actual: {}\n", rec.outcome.value->to_string());
    if (rec.outcome.cumulative) out += fmt::format("    cumulative: {}\n", rec.outcome.cumulative->to_string());
    out += fmt::format("    target: {}\n", target_yaml(rec.outcome.target));
    if (rec.result && !rec.result->variance.empty()) out += fmt::format("    variance: {}\n", emit_scalar(rec.result->variance));
  }
  out += "state: open\n";
  return out;
}

}  // namespace

Status record_review(const fs::path& root, const ReviewRequest& req, ReviewOutcome* out, Diagnostics& diags) {
  WriteSession session;
  const Status opened = begin_write(root, req.write, req.today, LoadScope{{req.year}, {req.unit}}, &session, diags);
  out->previous_lock_holder = session.previous_holder;
  if (!opened.is_ok()) return opened;
  Store& store = session.store;
  const Config& config = *store.config;
  const Unit* unit = config.unit(req.unit);
  if (!unit) return refuse(fmt::format("unit '{}' is not in {}", req.unit, kConfigFileName));
  if (req.today <= quarter_end(req.year, req.quarter)) {
    return refuse(fmt::format("Q{} {} ends on {}; it is reviewed after it ends", req.quarter, req.year,
                              quarter_end(req.year, req.quarter).iso()));
  }

  // Who reviews, and who confirms.
  const Person* reviewer = nullptr;
  if (Status s = identify(config, req.reviewer, req.reviewer_email, "--reviewer", "who reviews?", &reviewer); !s.is_ok()) {
    return s;
  }
  const RoleTerm* ciso = config.ciso_on(req.today);
  bool may_review = ciso && ciso->person == reviewer->id;
  for (const auto& t : config.executive_secretary) {
    may_review = may_review || (t.person == reviewer->id && t.in_force_on(req.today));
  }
  may_review = may_review || std::find(config.security_team.begin(), config.security_team.end(), reviewer->id) !=
                                 config.security_team.end();
  if (!may_review) {
    return refuse(fmt::format("'{}' may not record reviews: the CISO, the executive secretary and the security team "
                              "(資通安全處理小組) do",
                              reviewer->id));
  }
  const std::string supervisor = !req.supervisor.empty() ? req.supervisor : unit->head;
  if (supervisor.empty()) return refuse(fmt::format("unit '{}' has no head in {}; give --supervisor", req.unit, kConfigFileName));
  if (req.opinion.empty()) return refuse("a review needs --opinion (審核意見)");

  auto views = review_view(store, req.year, req.quarter, req.unit);
  const UnitReview& view = views.at(0);
  if (!view.in_force) {
    return refuse(fmt::format("unit '{}' has no approved {} setting table in force for Q{}; nothing to review",
                              req.unit, req.year, req.quarter));
  }
  if (!view.missing.empty() && !req.allow_missing) {
    std::string ids;
    for (const auto& id : view.missing) ids += (ids.empty() ? "" : ", ") + id;
    return refuse(fmt::format("results are missing for Q{} {}: {}; record them first, or give --allow-missing "
                              "--reason \"…\"",
                              req.quarter, req.year, ids));
  }
  if (req.allow_missing && trim(req.missing_reason).empty()) return refuse("--allow-missing needs --reason");

  // The review record.
  RecordPath where;
  where.kind = RecordKind::Review;
  where.year = req.year;
  where.quarter = req.quarter;
  where.unit = req.unit;
  out->review = record_path(where);
  std::vector<std::pair<std::string, std::string>> writes;
  if (view.recorded) {
    if (view.recorded->opinion != req.opinion || view.recorded->reviewed_by != reviewer->id) {
      return refuse(fmt::format("a different review of Q{} {} is on record ({}); reviews are not replaced — edit "
                                "it by hand if it must change",
                                req.quarter, req.year, view.recorded->file));
    }
  } else {
    writes.emplace_back(out->review, emit_review_text(store, req, out->review, reviewer->id, supervisor));
  }

  // Referrals for objectives missed repeatedly (ISMS-P-008), raised in the
  // CISO's name.
  const std::string raised_by = ciso ? ciso->person : reviewer->id;
  for (const auto& line : view.objectives) {
    if (!line.referral_required || line.referral) continue;
    RecordPath r;
    r.kind = RecordKind::Referral;
    r.year = req.year;
    r.unit = req.unit;
    r.objective = line.id;
    for (r.sequence = 1; fs::exists(fs::symlink_status(root / record_path(r))); ++r.sequence) {
    }
    const std::string rel = record_path(r);
    writes.emplace_back(rel, emit_referral_text(store, req, rel, line, raised_by));
  }

  // Check every record as validate will, then write them.
  Diagnostics check;
  for (const auto& [rel, text] : writes) put_source(&store, rel, text, check);
  ValidateOptions vopt;
  vopt.today = req.today;
  check_store(store, vopt, check);
  check.finish();
  for (const auto& d : check.items()) {
    const bool ours = std::any_of(writes.begin(), writes.end(), [&](const auto& w) { return w.first == d.file; });
    if (ours && d.severity == Severity::Error) diags.add(d);
  }
  if (diags.has_errors()) return refuse("nothing was written: the review would not be valid");
  for (const auto& [rel, text] : writes) {
    if (Status s = write_store_file(root, rel, text, /*exclusive=*/true); !s.is_ok()) return s;
    if (rel == out->review) {
      out->review_written = true;
    } else {
      out->referrals.push_back(rel);
    }
  }
  return Status::ok();
}

}  // namespace isms
