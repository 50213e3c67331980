// Semantic validation of a loaded store: references resolve, ids are
// unique, targets fit their comparison and unit, results fit their
// objective, dates are plausible. Structural problems were already reported
// by load_store; these checks only see schema-valid records.
#pragma once

#include <optional>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/store/store.h"
#include "isms/sys/env.h"

namespace isms {

struct ValidateOptions {
  std::optional<Date> today;  // enables date-dependent checks (deadlines)
  // Checks signatures (ssh-keygen through the Env). Without it a signature
  // is not checked and an unsigned approval under `policy.signatures:
  // required` is still reported.
  Env* signatures = nullptr;
};

void check_store(const Store& store, const ValidateOptions& options, Diagnostics& diags);

}  // namespace isms
