// isms-obj codeowners: a CODEOWNERS file from the store's roles, so that the
// code host's review rules (GitHub, GitLab) require the approval the
// procedure gives authority to: each unit's records by its head (ISMS-P-005
// §5.2), approvals by the CISO (§5.3), the configuration, reviews and
// referrals by the ISMS executive secretary (§5.5).
#pragma once

#include <string>
#include <vector>

#include "isms/base/date.h"
#include "isms/store/model.h"

namespace isms {

struct OwnerRule {
  std::string pattern;              // a path pattern of the store, from its root
  std::vector<std::string> owners;  // e-mail addresses (both hosts accept them)
  std::string why;                  // a comment line above the rule
};

struct Codeowners {
  std::vector<OwnerRule> rules;      // in file order: a later match wins on both hosts
  std::vector<std::string> missing;  // why a path has no owner (a role vacant, no e-mail)
};

// The rules for `config` as the roles stand on `today`. `prefix` is the
// store's directory inside the repository ("" when the store is the
// repository's root), so a store kept in a subdirectory is covered too.
Codeowners codeowners(const Config& config, const Date& today, const std::string& prefix);


}  // namespace isms
