// isms-obj retention-check's outputs (§5.7): what is kept until when, and
// every violation found in the store and its git history.
#pragma once

#include <string>

#include "isms/render/diagnostics.h"
#include "isms/views/retention.h"

namespace isms {

std::string retention_text(const RetentionReport& r, const ShowPath& show);
// isms-obj.retention/1, documented in docs/cli.md.
std::string retention_json(const RetentionReport& r);

}  // namespace isms
