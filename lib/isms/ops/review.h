// isms-obj review --record: the quarterly review of ISMS-P-005-02 (§5.5.1)
// and the corrective-action referrals the rules require (§5.5.2, ISMS-P-008;
// rules/referral.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "isms/ops/transaction.h"
#include "isms/rules/referral.h"
#include "isms/store/store.h"

namespace isms {

struct ReviewRequest : WriteRequest {
  int year = 0;
  int quarter = 0;
  std::string unit;
  std::string reviewer, reviewer_email;  // person id, else the person with this e-mail
  std::string opinion;                   // 審核意見
  std::string supervisor;                // 權責主管; default: the unit's head
  std::vector<std::pair<std::string, std::string>> objective_opinions;
  bool allow_missing = false;
  std::string missing_reason;
  // Objective id → why no corrective action is needed: the CISO's
  // discretion (§5.5.2, 得視需要) over a referral the rules would raise;
  // written as a waived referral. Only for objectives that need one now.
  std::vector<std::pair<std::string, std::string>> waive;
  // Why this review corrects the one on record: written as the next
  // sequence (<unit>.<n>.yaml), which supersedes it; the earlier one stays.
  std::string correct_reason;
  // The reviewer's SSH key to sign the review with (as approve's
  // sign_with); required when policy.signatures is.
  std::filesystem::path sign_with;
};

struct ReviewOutcome {
  std::string review;                 // path of the review record
  bool review_written = false;        // false: it was already on record
  std::vector<std::string> referrals; // referral records written
  std::string previous_lock_holder;
};

struct ConfirmRequest : WriteRequest {
  int year = 0;
  int quarter = 0;
  std::string unit;
  std::string by, by_email;  // the unit's head: person id, else the person with this e-mail
  std::filesystem::path sign_with;  // the head's SSH key (as approve's sign_with)
  bool allow_missing = false;       // confirm the results on record although some are missing
};

struct ConfirmOutcome {
  std::string confirmation;  // path of the confirmation record
  bool written = false;      // false: the same confirmation was already on record
  std::vector<std::pair<std::string, int>> results;  // what it confirms: objective → result sequence
  std::string previous_lock_holder;
};

// The unit head's confirmation of a quarter's results (權責主管確認), which
// precedes the CISO's review: writes confirmations/<year>/q<Q>/<unit>.yaml
// naming each objective's result on record, or the next sequence when the
// results changed since the last confirmation. Refused (nothing written)
// before the quarter ends, without an approved table, while results are
// missing (unless allow_missing), and for anyone but the unit's head in
// isms-obj.yaml. Running it
// again on the same results writes nothing.
Status confirm_results(Env& env, const std::filesystem::path& root, const ConfirmRequest& request,
                       ConfirmOutcome* outcome, Diagnostics& diags);

// Who may record a review on `day`, by name and term: what a refusal says.
std::string who_may_review(const Config& config, const Date& day);

// Writes reviews/<year>/q<Q>/<unit>.yaml and a referral for every objective
// that needs one and has none. The 權責主管 it names is the head who
// confirmed the results (confirm_results), else the request's supervisor or
// the unit's head. Refused (InvalidArgument, nothing written)
// before the quarter ends, without an approved table, while results are
// missing (unless allow_missing with a reason), under policy.confirmation
// required without a confirmation covering the results, for a reviewer who is not
// the CISO or a deputy that day (roles: ciso_deputy), for one who reported
// a result under review, or when a
// different review is already on record and no correct_reason says why it
// is corrected (a correction is the next sequence). Running it again writes
// nothing.
Status record_review(Env& env, const std::filesystem::path& root, const ReviewRequest& request, ReviewOutcome* outcome,
                     Diagnostics& diags);

}  // namespace isms
