// isms-obj validate's outputs: text (with an optional summary), JSON,
// GitHub workflow annotations and GitLab's Code Quality report.
#pragma once

#include <string>

#include "isms/render/diagnostics.h"
#include "isms/views/findings.h"

namespace isms {

enum class ValidateFormat { Text, Json, Github, CodeQuality };

// `shown_root` is the store as the user sees it; `summary` adds the store's
// figures to the text output.
std::string render_validate(const Findings& f, ValidateFormat format, const ShowPath& show,
                            const std::string& shown_root, bool summary);

}  // namespace isms
