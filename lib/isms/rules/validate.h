// Semantic validation of a loaded store: references resolve, ids are
// unique, targets fit their comparison and unit, results fit their
// objective, dates are plausible. Structural problems were already reported
// by load_store; these checks only see schema-valid records.
#pragma once

#include <optional>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/store/store.h"

namespace isms {

struct ValidateOptions {
  std::optional<Date> today;  // enables date-dependent checks (deadlines)
};

void check_store(const Store& store, const ValidateOptions& options, Diagnostics& diags);

}  // namespace isms
