// isms-obj review: the quarterly review of ISMS-P-005-02 (§5.5.1–5.5.2):
// the form's view, the review record, and corrective-action referrals for
// objectives missed repeatedly (ISMS-P-008).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "isms/forecast.h"
#include "isms/session.h"
#include "isms/store.h"

namespace isms {

struct ObjectiveLine {
  std::string id;
  const Objective* definition = nullptr;  // in force for the reviewed quarter (approval snapshot)
  const Objective* listed = nullptr;      // as in the table: item, method, last year's actual
  ObjectiveYear year;                     // judged through the reviewed quarter
  Forecast forecast;
  std::vector<int> missed;                // quarters not met so far
  bool referral_required = false;         // missed in at least policy.repeated_miss_threshold quarters
  const Referral* referral = nullptr;     // a referral that covers these misses, if any
};

struct UnitReview {
  std::string unit;
  const SettingTable* table = nullptr;
  const Approval* in_force = nullptr;
  std::vector<ObjectiveLine> objectives;
  std::vector<std::string> missing;  // objectives in force without a result for the quarter
  const Review* recorded = nullptr;
};

// The review of `quarter` of `year` for every configured unit, or one.
std::vector<UnitReview> review_view(const Store& store, int year, int quarter,
                                    const std::optional<std::string>& unit);

// A referral for the objective that covers `missed`: an open one, or a
// closed one that lists each of those quarters or was still open when it
// ended. nullptr when a new one is due.
const Referral* covering_referral(const Store& store, int year, std::string_view unit, std::string_view objective,
                                  const std::vector<int>& missed);

struct ReviewRequest {
  int year = 0;
  int quarter = 0;
  std::string unit;
  std::string reviewer, reviewer_email;  // person id, else the person with this e-mail
  std::string opinion;                   // 審核意見
  std::string supervisor;                // 權責主管; default: the unit's head
  std::vector<std::pair<std::string, std::string>> objective_opinions;
  bool allow_missing = false;
  std::string missing_reason;
  Date today;
  WriteOptions write;
};

struct ReviewOutcome {
  std::string review;                 // path of the review record
  bool review_written = false;        // false: it was already on record
  std::vector<std::string> referrals; // referral records written
  std::string previous_lock_holder;
};

// Writes reviews/<year>/q<Q>/<unit>.yaml and a referral for every objective
// that needs one and has none. Refused (InvalidArgument, nothing written)
// before the quarter ends, without an approved table, while results are
// missing (unless allow_missing with a reason), for a reviewer who is not
// the CISO, the executive secretary or on the security team, or when a
// different review is already on record. Running it again writes nothing.
Status record_review(const std::filesystem::path& root, const ReviewRequest& request, ReviewOutcome* outcome,
                     Diagnostics& diags);

// For validate: an objective missed in at least the threshold's quarters up
// to the latest reviewed quarter, without a covering referral.
void check_referrals(const Store& store, Diagnostics& diags);

}  // namespace isms
