// Approvals signed by their approver (docs/trust.md): a detached SSH
// signature over the record's content, made with a key the configuration
// lists for the approver and valid on the approval's date.
#pragma once

#include "isms/base/diagnostic.h"
#include "isms/store/store.h"
#include "isms/sys/env.h"

namespace isms {

// Reports approvals, reviews and confirmations without a signature when
// `policy.signatures` is required on their date (approval.unsigned,
// review.unsigned, confirmation.unsigned) and every signature that does not
// verify against the signer's keys valid that day (*.signature-invalid).
// Signatures are checked through `env` (ssh-keygen -Y verify); without one
// only their absence is reported.
void check_signatures(const Store& store, Env* env, Diagnostics& diags);

// What a form prints for a signed act: the fingerprints (ssh-keygen -l) of
// the keys the configuration lists for `person` valid on `day`, ", "-joined
// — the keys a valid signature was made with (validate verifies it). Empty
// for an unsigned act.
std::string signing_keys(const Config& config, const std::string& person, const std::optional<Date>& day,
                         const std::string& signature);

}  // namespace isms
