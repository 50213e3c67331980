// Approvals signed by their approver (docs/trust.md): a detached SSH
// signature over the record's content, made with a key the configuration
// lists for the approver and valid on the approval's date.
#pragma once

#include "isms/base/diagnostic.h"
#include "isms/store/store.h"
#include "isms/sys/env.h"

namespace isms {

// Reports approvals without a signature when `policy.signatures` is
// required (approval.unsigned) and every signature that does not verify
// (approval.signature-invalid). Signatures are checked through `env`
// (ssh-keygen -Y verify); without one only their absence is reported.
void check_signatures(const Store& store, Env* env, Diagnostics& diags);

}  // namespace isms
