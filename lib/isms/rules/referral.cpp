#include "isms/rules/referral.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/rules/lifecycle.h"

namespace isms {

const Referral* covering_referral(const Store& store, int year, std::string_view unit, std::string_view objective,
                                  const std::vector<int>& missed) {
  const Referral* found = nullptr;
  for (const Referral* p : store.referrals_for(year, unit, objective)) {
    const Referral& r = *p;
    if (r.state == ReferralState::Open) return &r;
    // A closed referral answers for the quarters it lists and for those that
    // ended while it was still open; a miss after it closed needs a new one.
    const bool covers = std::all_of(missed.begin(), missed.end(), [&](int q) {
      const bool listed =
          std::any_of(r.missed.begin(), r.missed.end(), [&](const MissedQuarter& m) { return m.quarter == q; });
      return listed || (r.closed && quarter_end(year, q) < *r.closed);
    });
    if (covers) found = &r;
  }
  return found;
}

std::vector<UnitReview> review_view(const Store& store, int year, int quarter, const std::optional<std::string>& unit) {
  std::vector<UnitReview> out;
  if (!store.config) return out;
  const int threshold = store.config->policy.repeated_miss_threshold;
  for (const auto& u : store.config->units) {
    if (unit && u.id != *unit) continue;
    UnitReview ur;
    ur.unit = u.id;
    ur.name = u.name;
    ur.table = store.setting(year, u.id);
    ur.in_force = in_force_for_quarter(store, year, u.id, quarter);
    ur.recorded = store.latest_review(year, quarter, u.id);
    if (ur.in_force) {
      for (const auto& def : ur.in_force->approved) {
        ObjectiveLine line;
        line.id = def.id;
        line.definition = &def;
        line.listed = ur.table ? ur.table->objective(def.id) : nullptr;
        line.year = evaluate(store, year, u.id, def.id, quarter);
        line.forecast = forecast(def, values_of(line.year), quarter);
        for (int q = 1; q <= quarter; ++q) {
          if (line.year.quarters[static_cast<std::size_t>(q - 1)].outcome.status == QuarterStatus::NotMet) {
            line.missed.push_back(q);
          }
        }
        line.referral_required = static_cast<int>(line.missed.size()) >= threshold;
        if (line.referral_required) line.referral = covering_referral(store, year, u.id, def.id, line.missed);
        if (const Result* r = line.year.quarters[static_cast<std::size_t>(quarter - 1)].result) {
          ur.results.emplace_back(def.id, r->sequence);
        } else {
          ur.missing.push_back(def.id);
        }
        ur.objectives.push_back(std::move(line));
      }
    }
    ur.confirmation = store.latest_confirmation(year, quarter, u.id);
    ur.confirmed = ur.confirmation && confirmation_covers(store, *ur.confirmation);
    out.push_back(std::move(ur));
  }
  return out;
}

bool confirmation_covers(const Store& store, const Confirmation& k, std::vector<std::string>* uncovered) {
  std::set<std::string> ids;
  if (const Approval* a = in_force_for_quarter(store, k.year, k.unit, k.quarter)) {
    for (const auto& o : a->approved) ids.insert(o.id);
  }
  for (const auto& r : k.results) ids.insert(r.first);
  bool covers = true;
  for (const auto& id : ids) {
    const Result* now = store.latest_result(k.year, k.unit, id, k.quarter);
    const auto listed = std::find_if(k.results.begin(), k.results.end(), [&](const auto& r) { return r.first == id; });
    const bool same = now ? listed != k.results.end() && listed->second == now->sequence : listed == k.results.end();
    if (same) continue;
    covers = false;
    if (uncovered && now) uncovered->push_back(now->file);
  }
  return covers;
}

void check_referrals(const Store& store, Diagnostics& diags) {
  if (!store.config) return;
  // The latest reviewed quarter of each unit and year: misses up to it
  // should have been referred by that review.
  std::map<std::pair<int, std::string>, const Review*> latest;
  for (const auto& v : store.reviews) {
    auto& slot = latest[{v.year, v.unit}];
    if (!slot || v.quarter > slot->quarter) slot = store.latest_review(v.year, v.quarter, v.unit);
  }
  for (const auto& [key, review] : latest) {
    for (const auto& u : review_view(store, key.first, review->quarter, key.second)) {
      for (const auto& line : u.objectives) {
        if (!line.referral_required || line.referral) continue;
        // A result reported after the review (an amendment) is one the
        // review did not see: the quarter is to be reviewed again, and that
        // review raises the referral. Until then it is pending, not missing.
        const Result* later = nullptr;
        for (int q = 1; q <= review->quarter; ++q) {
          const Result* r = line.year.quarters[static_cast<std::size_t>(q - 1)].result;
          if (r && r->reported && review->date && *r->reported > *review->date) later = r;
        }
        if (later) {
          diags.report(DiagCode::ReviewStale, review->file, review->marks.root(),
                       trf("{} of '{}' was reported on {}, after this review of {}; objective '{}' is now "
                           "missed in {} quarters and needs a corrective-action referral: review Q{} again "
                           "('isms-obj review --record --correct REASON'), which raises it",
                           later->file, line.id, later->reported->iso(), review->date->iso(), line.id,
                           line.missed.size(), review->quarter));
          continue;
        }
        std::string quarters;
        for (int q : line.missed) quarters += fmt::format("{}Q{}", quarters.empty() ? "" : ", ", q);
        diags.report(DiagCode::ReferralMissing, review->file, review->marks.root(),
                    trf("objective '{}' was not met in {} (threshold {}) but has no corrective-action "
                                "referral (ISMS-P-008); 'isms-obj review --record' raises it",
                                line.id, quarters, store.config->policy.repeated_miss_threshold));
      }
    }
  }
}

}  // namespace isms
