// isms-obj approve: the CISO's decision on a unit's setting table (§5.3).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/ops/transaction.h"
#include "isms/rules/lifecycle.h"

namespace isms {

struct ApproveRequest : WriteRequest {
  int year = 0;
  std::string unit;
  Decision decision = Decision::Approved;
  std::string by;        // person id; when empty, the person whose e-mail is `by_email`
  std::string by_email;  // e.g. from git config user.email
  std::string comment;   // required unless approving
  std::optional<int> revision;  // when given, must be the table's current revision
  // The approver's SSH key (a private key file, or the public key of one
  // ssh-agent holds) to sign the decision with (docs/trust.md). Required
  // when policy.signatures is; empty: unsigned.
  std::filesystem::path sign_with;
};

struct ApproveOutcome {
  std::string written;   // store-relative path of the new approval; empty if none
  std::string existing;  // the approval that already records this decision, if any
  std::string table;     // the table's path
  int revision = 0;
  std::string approver;  // resolved person id
  TableState before = TableState::Missing;
  TableState after = TableState::Missing;
  std::string in_force;  // path of the approval in force afterwards, if any
  std::string previous_lock_holder;
};

// Records the decision as approvals/<year>/<unit>/r<rev>[.<n>].yaml. Refuses
// (InvalidArgument, nothing written) when the approver is not the CISO on
// `today`, compiled the table, cannot be identified, the table is missing,
// a draft, at another revision than asked, or invalid — then `diags` holds
// the table's problems. Deciding again what is already decided writes
// nothing and succeeds (outcome.existing names the record).
Status approve(Env& env, const std::filesystem::path& root, const ApproveRequest& request, ApproveOutcome* outcome,
               Diagnostics& diags);

}  // namespace isms
