// Corrective action for objectives missed repeatedly (ISMS-P-005 §5.5.2,
// ISMS-P-008): each unit's quarter judged objective by objective, which
// objectives need a referral and which referral covers them. The review
// operation raises what these rules require, and validate reports what is
// missing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/rules/forecast.h"
#include "isms/store/store.h"

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
  std::string name;  // the unit's name in the configuration
  const SettingTable* table = nullptr;
  const Approval* in_force = nullptr;
  std::vector<ObjectiveLine> objectives;
  std::vector<std::string> missing;  // objectives in force without a result for the quarter
  const Review* recorded = nullptr;
  // The unit head's latest confirmation of the quarter (權責主管), and
  // whether it covers the results on record now (confirmation_covers).
  const Confirmation* confirmation = nullptr;
  bool confirmed = false;
  // Each objective's result on record, by sequence: what a confirmation
  // made now would name.
  std::vector<std::pair<std::string, int>> results;
};

// Whether `k` names exactly the results on record now for the objectives
// in force in its quarter (and those it lists): none amended or recorded
// since. The result files it does not cover go to `uncovered`.
bool confirmation_covers(const Store& store, const Confirmation& k, std::vector<std::string>* uncovered = nullptr);

// The review of `quarter` of `year` for every configured unit, or one.
std::vector<UnitReview> review_view(const Store& store, int year, int quarter,
                                    const std::optional<std::string>& unit);

// A referral for the objective that covers `missed`: an open one, or a
// closed one that lists each of those quarters or was still open when it
// ended. nullptr when a new one is due.
const Referral* covering_referral(const Store& store, int year, std::string_view unit, std::string_view objective,
                                  const std::vector<int>& missed);

// For validate: an objective missed in at least the threshold's quarters up
// to the latest reviewed quarter, without a covering referral.
void check_referrals(const Store& store, Diagnostics& diags);

}  // namespace isms
