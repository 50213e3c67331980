// isms-obj referral --close: the CISO closes a corrective action (ISMS-P-008)
// with the evidence that it was carried out.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "isms/ops/transaction.h"
#include "isms/store/store.h"

namespace isms {

struct CloseReferralRequest : WriteRequest {
  int year = 0;
  std::string unit, objective;
  std::optional<int> sequence;   // which referral of the objective; default: the one open
  std::string by, by_email;      // person id, else the person with this e-mail
  std::string evidence;          // closing_note: what was done, where the evidence is
  std::string case_number;       // ISMS-P-008 case number, when not on record yet
  std::filesystem::path sign_with;  // the CISO's SSH key (as approve's sign_with)
};

struct CloseReferralOutcome {
  std::string referral;  // path of the referral record
  bool written = false;  // false: it was already closed with this evidence
  std::string previous_lock_holder;
};

// Marks the open referral closed on `today` by the CISO of that day
// (closed, closed_by, closing_note, and case when given). Refused (nothing
// written) for anyone else, without evidence, for a referral that is not
// open, and for one a person has edited: the tool rewrites only a file it
// wrote, and the refusal says which fields to add by hand.
Status close_referral(Env& env, const std::filesystem::path& root, const CloseReferralRequest& request,
                      CloseReferralOutcome* outcome, Diagnostics& diags);

}  // namespace isms
