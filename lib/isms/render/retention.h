// isms-obj retention-check's outputs (§5.7): what is kept until when, and
// every violation found in the store and its git history.
#pragma once

#include <string>

#include "isms/render/diagnostics.h"
#include "isms/store/model.h"
#include "isms/views/retention.h"

namespace isms {

// In `language`, dates in `calendar`. The violations' messages are the
// diagnostics' own.
std::string retention_text(const RetentionReport& r, const ShowPath& show, Language language, Calendar calendar);
// isms-obj.retention/1, documented in docs/cli.md.
std::string retention_json(const RetentionReport& r);

}  // namespace isms
